import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** Runs one SQL query in an in-memory DuckDB and prints each row as name=value pairs. */
public class Sql {
  public static void main(String[] args) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(args[0])) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        StringBuilder line = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
          line.append(c > 1 ? " " : "").append(rows.getMetaData().getColumnName(c)).append('=')
              .append(rows.getString(c));
        }
        System.out.println(line);
      }
    }
  }
}
