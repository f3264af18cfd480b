package io.peerbill.peering.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints rows as a readable table (the default) or as JSON ({@code --json}). */
final class Output {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintWriter out;
  private final boolean json;

  Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  /** Several rows: a table with a header, or a JSON array. */
  void table(List<Map<String, Object>> rows) {
    if (json) {
      print(rows);
      return;
    }
    if (rows.isEmpty()) {
      out.println("(none)");
      return;
    }
    List<String> columns = new ArrayList<>(rows.get(0).keySet());
    int[] widths = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = columns.get(i).length();
      for (Map<String, Object> row : rows) {
        widths[i] = Math.max(widths[i], text(row.get(columns.get(i))).length());
      }
    }
    line(columns.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList(), widths);
    for (Map<String, Object> row : rows) {
      line(columns.stream().map(c -> text(row.get(c))).toList(), widths);
    }
    out.flush();
  }

  /** One record: {@code key: value} lines, or a JSON object. */
  void record(Map<String, Object> row) {
    if (json) {
      print(row);
      return;
    }
    int width = row.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
    String indent = " ".repeat(width + 1);
    row.forEach(
        (k, v) -> {
          // A list in a record gets a line per item, aligned under the first.
          String value =
              v instanceof List<?> list && !list.isEmpty()
                  ? String.join(
                      System.lineSeparator() + indent, list.stream().map(String::valueOf).toList())
                  : text(v);
          out.println(String.format("%-" + width + "s %s", k + ":", value));
        });
    out.flush();
  }

  /** A one-line message; in JSON mode, an object holding it. */
  void message(String text) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("message", text);
      print(m);
    } else {
      out.println(text);
      out.flush();
    }
  }

  private void line(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      b.append(
          i == cells.size() - 1
              ? cells.get(i)
              : String.format("%-" + widths[i] + "s  ", cells.get(i)));
    }
    out.println(b.toString().stripTrailing());
  }

  private static String text(Object value) {
    if (value == null) {
      return "-";
    }
    if (value instanceof List<?> list) {
      return list.isEmpty() ? "-" : String.join(",", list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }

  private void print(Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
