using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// Writes an .xlsx workbook forward only, sheet by sheet and row by row, to any writable stream — a response body
/// included, which cannot seek: the package is a zip written in create mode, each part once, the sheets as they are
/// produced and the workbook that lists them last. Nothing but the row being written is held in memory (the Open XML
/// SDK cannot write to a stream that does not seek, and buffers each part whole). Cells are inline strings or numbers,
/// so nothing a user typed is ever evaluated as a formula; characters XML cannot carry are dropped.
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new System.Text.UTF8Encoding(false), CloseOutput = true };

    private readonly ZipArchive _zip;
    private readonly List<string> _sheets = [];
    private XmlWriter? _sheet;

    public XlsxWriter(Stream output)
    {
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
    }

    /// <summary>Starts a new sheet (ending the previous one) and writes its header row.</summary>
    public void BeginSheet(string name, IReadOnlyList<string> header)
    {
        EndSheet();
        _sheets.Add(SheetName(name, _sheets.Count + 1));
        _sheet = XmlWriter.Create(_zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count}.xml", CompressionLevel.Fastest).Open(), Settings);
        _sheet.WriteStartDocument(standalone: true);
        _sheet.WriteStartElement("worksheet", Main);
        _sheet.WriteStartElement("sheetData", Main);
        WriteRow(header.Cast<object?>().ToList());
    }

    public void WriteRow(IReadOnlyList<object?> values)
    {
        var xml = _sheet ?? throw new InvalidOperationException("BeginSheet first.");
        xml.WriteStartElement("row", Main);
        foreach (var value in values)
        {
            xml.WriteStartElement("c", Main);
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
            xml.WriteEndElement();
        });
        Part("xl/_rels/workbook.xml.rels", xml => RelationshipList(xml, _sheets.Select((_, i) => ($"rId{i + 1}", "worksheet", $"worksheets/sheet{i + 1}.xml"))));
        Part("_rels/.rels", xml => RelationshipList(xml, [("rId1", "officeDocument", "xl/workbook.xml")]));
        Part("[Content_Types].xml", xml =>
        {
            const string types = "http://schemas.openxmlformats.org/package/2006/content-types";
            xml.WriteStartElement("Types", types);
            Default(xml, types, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(xml, types, "xml", "application/xml");
            Override(xml, types, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
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
        _sheet.WriteEndElement();
        _sheet.WriteEndDocument();
        _sheet.Dispose();
        _sheet = null;
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
