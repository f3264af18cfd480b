package io.peerbill.db;

/** The database cannot be reached or prepared; the message is one line, fit for a user. */
public class DatabaseUnavailableException extends RuntimeException {

  public DatabaseUnavailableException(String message) {
    super(message);
  }

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
