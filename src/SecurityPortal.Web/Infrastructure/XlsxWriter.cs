using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// Writes an .xlsx workbook forward only, sheet by sheet and row by row, to any writable stream — a response body
/// included, which cannot seek: the package is a zip written in create mode, each part once, the sheets as they are
/// produced and the workbook that lists them last. Nothing but the row being written is held in memory (the Open XML
/// SDK cannot write to a stream that does not seek, and buffers each part whole). Cells are inline strings or numbers,
/// so nothing a user typed is ever evaluated as a formula; characters XML cannot carry are dropped. Header rows are
/// bold; a sheet may carry a <see cref="SheetLayout"/> (column widths, rows repeated on every printed page, A4
/// landscape).
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new System.Text.UTF8Encoding(false), CloseOutput = true };

    private readonly ZipArchive _zip;
    private readonly List<string> _sheets = [];
    private readonly List<SheetLayout?> _layouts = [];
    private XmlWriter? _sheet;

    public XlsxWriter(Stream output)
    {
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
    }

    /// <summary>Starts a new sheet (ending the previous one) and writes its header row, in bold.</summary>
    public void BeginSheet(string name, IReadOnlyList<string> header, SheetLayout? layout = null)
    {
        EndSheet();
        _sheets.Add(SheetName(name, _sheets.Count + 1));
        _layouts.Add(layout);
        _sheet = XmlWriter.Create(_zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count}.xml", CompressionLevel.Fastest).Open(), Settings);
        _sheet.WriteStartDocument(standalone: true);
        _sheet.WriteStartElement("worksheet", Main);
        if (layout is { Landscape: true })
        {
            // Fit the columns to the page width, as many pages down as it takes.
            _sheet.WriteStartElement("sheetPr", Main);
            _sheet.WriteStartElement("pageSetUpPr", Main);
            _sheet.WriteAttributeString("fitToPage", "1");
            _sheet.WriteEndElement();
            _sheet.WriteEndElement();
        }

        if (layout?.Widths is { Count: > 0 } widths)
        {
            _sheet.WriteStartElement("cols", Main);
            for (var i = 0; i < widths.Count; i++)
            {
                _sheet.WriteStartElement("col", Main);
                _sheet.WriteAttributeString("min", (i + 1).ToString(CultureInfo.InvariantCulture));
                _sheet.WriteAttributeString("max", (i + 1).ToString(CultureInfo.InvariantCulture));
                _sheet.WriteAttributeString("width", widths[i].ToString(CultureInfo.InvariantCulture));
                _sheet.WriteAttributeString("customWidth", "1");
                _sheet.WriteEndElement();
            }

            _sheet.WriteEndElement();
        }

        _sheet.WriteStartElement("sheetData", Main);
        WriteRow(header.Cast<object?>().ToList(), bold: true);
    }

    /// <summary>Writes a row; <paramref name="bold"/> for a heading (a style of the workbook's own styles part).</summary>
    public void WriteRow(IReadOnlyList<object?> values, bool bold = false)
    {
        var xml = _sheet ?? throw new InvalidOperationException("BeginSheet first.");
        xml.WriteStartElement("row", Main);
        foreach (var value in values)
        {
            xml.WriteStartElement("c", Main);
            if (bold)
            {
                xml.WriteAttributeString("s", "1");
            }

            if (value is int or long or double or decimal)
            {
                xml.WriteElementString("v", Main, Convert.ToString(value, CultureInfo.InvariantCulture));
            }
            else
            {
                xml.WriteAttributeString("t", "inlineStr");
                xml.WriteStartElement("is", Main);
                xml.WriteStartElement("t", Main);
                xml.WriteAttributeString("xml", "space", null, "preserve");
                xml.WriteString(Clean(value?.ToString()));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>Pushes what is written so far through to the output (the zip still holds the last compressed block).</summary>
    public void Flush() => _sheet?.Flush();

    /// <summary>Ends the last sheet and writes the parts that list the sheets; the workbook is complete after this.</summary>
    public void Dispose()
    {
        EndSheet();
        Part("xl/workbook.xml", xml =>
        {
            xml.WriteStartElement("workbook", Main);
            xml.WriteAttributeString("xmlns", "r", null, OfficeRelationships);
            xml.WriteStartElement("sheets", Main);
            for (var i = 0; i < _sheets.Count; i++)
            {
                xml.WriteStartElement("sheet", Main);
                xml.WriteAttributeString("name", _sheets[i]);
                xml.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("id", OfficeRelationships, $"rId{i + 1}");
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            var titles = _layouts.Select((layout, i) => (Rows: layout?.RepeatRows ?? 0, Index: i)).Where(x => x.Rows > 0).ToList();
            if (titles.Count > 0)
            {
                xml.WriteStartElement("definedNames", Main);
                foreach (var (rows, index) in titles)
                {
                    xml.WriteStartElement("definedName", Main);
                    xml.WriteAttributeString("name", "_xlnm.Print_Titles");
                    xml.WriteAttributeString("localSheetId", index.ToString(CultureInfo.InvariantCulture));
                    xml.WriteString($"'{_sheets[index].Replace("'", "''", StringComparison.Ordinal)}'!$1:${rows.ToString(CultureInfo.InvariantCulture)}");
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
        Part("xl/styles.xml", WriteStyles);
        Part("xl/_rels/workbook.xml.rels", xml => RelationshipList(xml, _sheets.Select((_, i) => ($"rId{i + 1}", "worksheet", $"worksheets/sheet{i + 1}.xml"))
            .Append(($"rId{_sheets.Count + 1}", "styles", "styles.xml"))));
        Part("_rels/.rels", xml => RelationshipList(xml, [("rId1", "officeDocument", "xl/workbook.xml")]));
        Part("[Content_Types].xml", xml =>
        {
            const string types = "http://schemas.openxmlformats.org/package/2006/content-types";
            xml.WriteStartElement("Types", types);
            Default(xml, types, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(xml, types, "xml", "application/xml");
            Override(xml, types, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            Override(xml, types, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
            for (var i = 1; i <= _sheets.Count; i++)
            {
                Override(xml, types, $"/xl/worksheets/sheet{i}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            }

            xml.WriteEndElement();
        });
        _zip.Dispose();
    }

    /// <summary>Characters XML cannot carry (controls, U+FFFE/U+FFFF, lone surrogates) are dropped rather than failing the export.</summary>
    private static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], not blank.</summary>
    private static string SheetName(string name, int number)
    {
        var clean = new string(Clean(name).Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray()).Trim().Trim('\'');
        clean = clean.Length > 31 ? clean[..31] : clean;
        return clean.Length == 0 ? $"Sheet{number}" : clean;
    }

    private void EndSheet()
    {
        if (_sheet is null)
        {
            return;
        }

        _sheet.WriteEndElement();
        if (_layouts[^1] is { Landscape: true })
        {
            _sheet.WriteStartElement("pageMargins", Main);
            foreach (var (side, inches) in new[] { ("left", "0.4"), ("right", "0.4"), ("top", "0.6"), ("bottom", "0.6"), ("header", "0.3"), ("footer", "0.3") })
            {
                _sheet.WriteAttributeString(side, inches);
            }

            _sheet.WriteEndElement();
            _sheet.WriteStartElement("pageSetup", Main);
            _sheet.WriteAttributeString("paperSize", "9"); // A4
            _sheet.WriteAttributeString("orientation", "landscape");
            _sheet.WriteAttributeString("fitToWidth", "1");
            _sheet.WriteAttributeString("fitToHeight", "0");
            _sheet.WriteEndElement();
        }

        _sheet.WriteEndElement();
        _sheet.WriteEndDocument();
        _sheet.Dispose();
        _sheet = null;
    }

    /// <summary>Two cell formats: 0 the default, 1 bold (headings).</summary>
    private static void WriteStyles(XmlWriter xml)
    {
        xml.WriteStartElement("styleSheet", Main);
        xml.WriteStartElement("fonts", Main);
        xml.WriteAttributeString("count", "2");
        foreach (var bold in new[] { false, true })
        {
            xml.WriteStartElement("font", Main);
            if (bold)
            {
                xml.WriteStartElement("b", Main);
                xml.WriteEndElement();
            }

            Empty(xml, "sz", ("val", "11"));
            Empty(xml, "name", ("val", "Calibri"));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteStartElement("fills", Main);
        xml.WriteAttributeString("count", "2");
        foreach (var pattern in new[] { "none", "gray125" })
        {
            xml.WriteStartElement("fill", Main);
            Empty(xml, "patternFill", ("patternType", pattern));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteStartElement("borders", Main);
        xml.WriteAttributeString("count", "1");
        xml.WriteStartElement("border", Main);
        foreach (var side in new[] { "left", "right", "top", "bottom", "diagonal" })
        {
            Empty(xml, side);
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("cellStyleXfs", Main);
        xml.WriteAttributeString("count", "1");
        Empty(xml, "xf", ("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"));
        xml.WriteEndElement();
        xml.WriteStartElement("cellXfs", Main);
        xml.WriteAttributeString("count", "2");
        Empty(xml, "xf", ("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"));
        Empty(xml, "xf", ("numFmtId", "0"), ("fontId", "1"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"), ("applyFont", "1"));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Empty(XmlWriter xml, string name, params (string Name, string Value)[] attributes)
    {
        xml.WriteStartElement(name, Main);
        foreach (var (attribute, value) in attributes)
        {
            xml.WriteAttributeString(attribute, value);
        }

        xml.WriteEndElement();
    }

    private void Part(string name, Action<XmlWriter> write)
    {
        using var xml = XmlWriter.Create(_zip.CreateEntry(name, CompressionLevel.Fastest).Open(), Settings);
        xml.WriteStartDocument(standalone: true);
        write(xml);
        xml.WriteEndDocument();
    }

    private static void RelationshipList(XmlWriter xml, IEnumerable<(string Id, string Type, string Target)> relationships)
    {
        xml.WriteStartElement("Relationships", Relationships);
        foreach (var (id, type, target) in relationships)
        {
            xml.WriteStartElement("Relationship", Relationships);
            xml.WriteAttributeString("Id", id);
            xml.WriteAttributeString("Type", $"{OfficeRelationships}/{type}");
            xml.WriteAttributeString("Target", target);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void Default(XmlWriter xml, string ns, string extension, string contentType)
    {
        xml.WriteStartElement("Default", ns);
        xml.WriteAttributeString("Extension", extension);
        xml.WriteAttributeString("ContentType", contentType);
        xml.WriteEndElement();
    }

    private static void Override(XmlWriter xml, string ns, string part, string contentType)
    {
        xml.WriteStartElement("Override", ns);
        xml.WriteAttributeString("PartName", part);
        xml.WriteAttributeString("ContentType", contentType);
        xml.WriteEndElement();
    }
}

/// <summary>
/// How a sheet prints: column widths in characters, the first <see cref="RepeatRows"/> rows repeated on every printed
/// page, and A4 landscape fitted to the page width.
/// </summary>
public sealed record SheetLayout(IReadOnlyList<double>? Widths, int RepeatRows = 0, bool Landscape = false);
