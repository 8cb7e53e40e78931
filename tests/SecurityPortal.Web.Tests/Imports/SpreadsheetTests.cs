using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Tests.Imports;

/// <summary>The workbook reader faces untrusted files: it must stay bounded whatever the file claims.</summary>
/// <remarks>Touches no database: ./test.sh runs it in the SQLite pass only (Category=ProviderIndependent).</remarks>
[Trait("Category", "ProviderIndependent")]
public sealed class SpreadsheetTests
{
    [Fact]
    public void A_cell_claiming_a_far_away_column_is_ignored_instead_of_padding_millions_of_cells()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = new Worksheet(new SheetData(
                new Row(new Cell { CellReference = "A1", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("Mã")) }) { RowIndex = 1 },
                new Row(
                    new Cell { CellReference = "A2", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("X")) },
                    new Cell { CellReference = "ZZZZZZZ2", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("bom")) })
                { RowIndex = 2 },
                new Row(new Cell { CellReference = "A7", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("Y")) }) { RowIndex = 7 }));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "Trang" }));
        }

        stream.Position = 0;
        var sheet = Assert.Single(Spreadsheet.Read(stream));
        Assert.Equal(["X"], sheet.Rows[0].Cells);
        Assert.Equal(2, sheet.Rows[0].Number);
        Assert.Equal(7, sheet.Rows[1].Number);
    }

    [Fact]
    public void A_workbook_part_with_a_DTD_or_an_external_entity_is_refused_and_nothing_is_read_from_disk()
    {
        // A real workbook whose sheet is rewritten with a DOCTYPE declaring an external entity (XXE) and using it in a cell
        // (ASVS 5.0 V1.5.1): the reader must refuse the part, never resolve the entity.
        var secret = Path.Combine(Path.GetTempPath(), $"xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "BI-MAT-KHONG-DUOC-DOC");
        try
        {
            var file = Spreadsheet.Write("Trang", ["Tên"], [["x"]]);
            using var stream = new MemoryStream();
            stream.Write(file);
            using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
            {
                var entry = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
                string xml;
                using (var reader = new StreamReader(entry.Open()))
                {
                    xml = reader.ReadToEnd();
                }

                var body = xml[xml.IndexOf("<worksheet", StringComparison.Ordinal)..];
                body = body.Contains(">x<", StringComparison.Ordinal)
                    ? body.Replace(">x<", ">&xxe;<", StringComparison.Ordinal)
                    : System.Text.RegularExpressions.Regex.Replace(body, "<sheetData[^>]*>", m => m.Value + "<row r=\"9\"><c r=\"A9\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>");
                Assert.Contains("&xxe;", body, StringComparison.Ordinal);
                entry.Delete();
                using var writer = new StreamWriter(zip.CreateEntry(entry.FullName).Open());
                writer.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file://{secret}\">]>{body}");
            }

            stream.Position = 0;
            var error = Record.Exception(() => Spreadsheet.Read(stream));
            Assert.IsType<InvalidDataException>(error);
            Assert.DoesNotContain("BI-MAT", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void More_rows_than_the_limit_are_refused_with_a_Vietnamese_message()
    {
        var file = Spreadsheet.Write("Trang", ["Mã"], Enumerable.Range(0, Spreadsheet.MaxRows + 1).Select(i => (IReadOnlyList<object?>)[i]));
        var error = Assert.Throws<Spreadsheet.LimitException>(() => Spreadsheet.Read(new MemoryStream(file)));
        Assert.Contains("hãy chia thành nhiều tệp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Characters_that_XML_cannot_carry_are_dropped_from_exports()
    {
        var file = Spreadsheet.Write("Trang", ["Tên"], [["Cổng\uFFFF thông\u0001 tin 😀"]]);
        var sheet = Spreadsheet.Read(new MemoryStream(file)).Single();
        Assert.Equal("Cổng thông tin 😀", sheet.Rows[0].Cells[0]);
    }

    [Fact]
    public void Csv_fields_are_always_quoted_and_formulas_are_neutralised()
    {
        Assert.Equal("\"'=1+1\"", Csv.Field("=1+1"));
        Assert.Equal("\"x;=HYPERLINK(\"\"a\"\")\"", Csv.Field("x;=HYPERLINK(\"a\")"));
        Assert.Equal("\"Sở Y tế\"", Csv.Field("Sở Y tế"));
    }
}
