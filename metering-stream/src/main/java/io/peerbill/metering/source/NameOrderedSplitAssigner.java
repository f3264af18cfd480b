package io.peerbill.metering.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

/**
 * Hands out the files of a folder in name order. Each reader then reads its files in ascending
 * order, which for files named by time (as {@code gen-samples --folder} writes them, and as
 * exporters usually do) is time order, so no reader starts a file behind the watermark it has
 * already reached. (Flink's default assigners hand out in reverse or by locality.)
 */
public final class NameOrderedSplitAssigner implements FileSplitAssigner {

  private static final Comparator<FileSourceSplit> BY_NAME =
      Comparator.comparing((FileSourceSplit s) -> s.path().toString())
          .thenComparingLong(FileSourceSplit::offset);

  private final TreeSet<FileSourceSplit> splits = new TreeSet<>(BY_NAME);

  public NameOrderedSplitAssigner(Collection<FileSourceSplit> initial) {
    splits.addAll(initial);
  }

  @Override
  public Optional<FileSourceSplit> getNext(String hostname) {
    return Optional.ofNullable(splits.pollFirst());
  }

  @Override
  public void addSplits(Collection<FileSourceSplit> returned) {
    splits.addAll(returned);
  }

  @Override
  public Collection<FileSourceSplit> remainingSplits() {
    List<FileSourceSplit> remaining = new ArrayList<>(splits);
    return remaining;
  }
}
