using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EngagementHub.Web.Endpoints;

namespace EngagementHub.Tests.Web;

public sealed class TableExportTests
{
    private sealed record Line(string Text, int Number, decimal Amount);

    private static readonly IReadOnlyList<ExportColumn<Line>> Columns =
        [new("Text", l => l.Text), new("Number", l => l.Number), new("Amount", l => l.Amount)];

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        using var parser = new CsvParser(new StringReader(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF')), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (parser.Read())
        {
            rows.Add(parser.Record!);
        }

        return rows;
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"Click\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void NeutraliseFormula_FormulaLikeText_StartsWithAnApostrophe(string text) =>
        Assert.Equal("'" + text, TableExport.NeutraliseFormula(text));

    [Theory]
    [InlineData("Stroke services review")]
    [InlineData("")]
    [InlineData("Review = better")]
    public void NeutraliseFormula_OrdinaryText_IsUnchanged(string text) =>
        Assert.Equal(text, TableExport.NeutraliseFormula(text));

    [Fact]
    public void ToCsv_FormulaTextAndNegativeNumbers_TextIsNeutralisedAndNumbersStayNumbers()
    {
        var rows = ReadCsv(TableExport.ToCsv([new Line("=1+1", -3, -2.5m), new Line("-5", 4, 0m)], Columns));

        Assert.Equal(["'=1+1", "-3", "-2.5"], rows[1]);
        Assert.Equal(["'-5", "4", "0"], rows[2]);
    }

    [Fact]
    public void ToCsv_ControlAndBidiCharacters_AreRemoved()
    {
        var rows = ReadCsv(TableExport.ToCsv([new Line("Board\0 \u202Egnp.exe\u0001", 1, 1m)], Columns));

        Assert.Equal("Board gnp.exe", rows[1][0]);
    }

    [Fact]
    public void ToXlsx_NulInAText_IsAWorkbookWithoutIt()
    {
        var bytes = TableExport.ToXlsx([new Line("Board\0meeting\u000B", -1, 1m)], Columns, "Sheet");

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ElementAt(1).Elements<Cell>().ToList();
        Assert.Equal("Boardmeeting", cells[0].InnerText);
        Assert.Equal("-1", cells[1].CellValue!.Text);
        Assert.Equal(CellValues.Number, cells[1].DataType!.Value);
    }
}
