using System.Globalization;
using CsvHelper;
using EngagementHub.Core.Common;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EngagementHub.Web.Endpoints;

/// <summary>A column of an exported table: its heading and how to read its value from a row.</summary>
public sealed record ExportColumn<T>(string Heading, Func<T, object?> Value);

/// <summary>
/// Writes a list as CSV (CsvHelper) or as an Excel workbook (the Open XML SDK), with the same columns, so every feature's
/// export is one column list. Dates are written as real dates in Excel and as ISO dates in CSV.
/// Text is written so it cannot be turned against the reader: control and bidirectional characters are removed
/// (<see cref="UntrustedText.ForOutput"/>), and a CSV text cell a spreadsheet would run as a formula is neutralised
/// (<see cref="NeutraliseFormula"/>). Numbers are written as numbers, so a negative number stays one.
/// </summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] ToCsv<T>(IEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns)
    {
        using var buffer = new MemoryStream();
        // A byte-order mark so Excel opens UTF-8 (names with accents, "–") correctly when the CSV is double-clicked.
        using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var column in columns)
            {
                csv.WriteField(column.Heading);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var column in columns)
                {
                    csv.WriteField(column.Value(row) switch
                    {
                        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        int or long or double or decimal => ((IFormattable)column.Value(row)!).ToString(null, CultureInfo.InvariantCulture),
                        null => null,
                        var text => NeutraliseFormula(UntrustedText.ForOutput(text.ToString() ?? "")),
                    });
                }

                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// <paramref name="text"/> with a leading apostrophe when it starts with a character a spreadsheet reads as the start
    /// of a formula (=, +, -, @, tab or carriage return), so "=HYPERLINK(...)" is shown as text instead of run
    /// (OWASP, "CSV Injection"). Only text cells pass through here: numbers are written as they are, so -3 stays a number.
    /// CsvHelper's own <c>InjectionOptions</c> is not used because it would treat every field alike, numbers included.
    /// </summary>
    public static string NeutraliseFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    public static byte[] ToXlsx<T>(IEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns, string sheetName)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            sheetPart.Worksheet = new Worksheet(data);

            data.Append(new Row(columns.Select(c => Text(c.Heading, StyleHeading))));
            foreach (var row in rows)
            {
                data.Append(new Row(columns.Select(c => CellFor(c.Value(row)))));
            }

            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }

        return buffer.ToArray();
    }

    private const uint StyleHeading = 1;
    private const uint StyleDate = 2;

    private static Cell CellFor(object? value) => value switch
    {
        null => new Cell(),
        DateOnly date => new Cell
        {
            // Excel stores dates as days since 30 December 1899.
            CellValue = new CellValue((date.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture)),
            DataType = CellValues.Number,
            StyleIndex = StyleDate,
        },
        int or long or double or decimal => new Cell
        {
            CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!),
            DataType = CellValues.Number,
        },
        // An inline string is never a formula in Excel; what XML cannot carry (NUL and the like) is removed.
        _ => Text(UntrustedText.ForOutput(value.ToString() ?? ""), 0),
    };

    private static Cell Text(string text, uint style) =>
        new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = style };

    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            // 14 is Excel's built-in short date format, shown in the reader's own locale.
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
}
