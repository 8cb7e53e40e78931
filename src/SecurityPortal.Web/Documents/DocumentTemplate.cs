using System.Collections.Concurrent;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SecurityPortal.Web.Documents;

/// <summary>What a content control of a template stands for, read from its shape and tag (docs/decisions/0011).</summary>
public enum SlotKind
{
    /// <summary>An inline control (w:sdt inside a paragraph): replaced by the value's text, in the control's formatting.</summary>
    Text,

    /// <summary>A block control tagged «if-…»: its paragraphs are kept when the condition holds, dropped otherwise.</summary>
    Condition,

    /// <summary>Any other block control: its first paragraph is the pattern of one line, repeated once per item (none: dropped).</summary>
    List,

    /// <summary>
    /// A block control or a table-row control (w:sdt around a w:tr) tagged «each-…»: its content is repeated once per
    /// record, the inline controls inside it filled from the record (a table's rows are written one by one, never held whole).
    /// </summary>
    Repeat,
}

/// <summary>The values a template is filled with, by slot tag. Text is written as given: the caller decides a blank («……»).</summary>
public sealed class TemplateValues
{
    public Dictionary<string, string> Text { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, bool> Conditions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, IReadOnlyList<string>> Lists { get; } = new(StringComparer.Ordinal);

    /// <summary>The records of an «each-…» control, by tag: each record gives the text of every inline control inside it.</summary>
    public Dictionary<string, IEnumerable<IReadOnlyDictionary<string, string>>> Repeats { get; } = new(StringComparer.Ordinal);

    /// <summary>Every slot these values fill, with its kind.</summary>
    public IReadOnlyDictionary<string, SlotKind> Slots =>
        Text.Keys.Select(k => (k, SlotKind.Text))
            .Concat(Conditions.Keys.Select(k => (k, SlotKind.Condition)))
            .Concat(Lists.Keys.Select(k => (k, SlotKind.List)))
            .Concat(Repeats.Keys.Select(k => (k, SlotKind.Repeat)))
            .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);
}

/// <summary>
/// The Word templates shipped with the portal (Documents/Templates/*.docx, embedded): the wording of a form is the
/// template's, the code only fills its content controls (w:sdt with a w:tag). A template and the code must agree slot
/// for slot: <see cref="Fill"/> refuses a template slot without a value and a value without a slot, so a change of the
/// law is a change of the .docx (and of its text rendering beside it), and a slot renamed on one side fails the tests.
/// The output keeps no content control.
/// </summary>
public static class DocumentTemplate
{
    private const string ResourcePrefix = "SecurityPortal.Web.Documents.Templates.";
    private const string RepeatPrefix = "each-";
    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    /// <summary>The templates by name (the file name without .docx).</summary>
    public static IReadOnlyList<string> Names { get; } = ["mau-01", "mau-02", "mau-06", "mau-07", "mau-08"];

    /// <summary>The template file as shipped.</summary>
    public static byte[] Read(string name) => Cache.GetOrAdd(name, static n =>
    {
        using var stream = typeof(DocumentTemplate).Assembly.GetManifestResourceStream($"{ResourcePrefix}{n}.docx")
            ?? throw new InvalidOperationException($"Không có mẫu văn bản «{n}».");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>The slots of a template document: each tag once, with its kind.</summary>
    public static IReadOnlyDictionary<string, SlotKind> Slots(byte[] template)
    {
        using var stream = new MemoryStream(template, writable: false);
        using var document = WordprocessingDocument.Open(stream, false);
        return Slots(document.MainDocumentPart!.Document!.Body!);
    }

    /// <summary>The template filled with <paramref name="values"/>, as a new document.</summary>
    public static byte[] Fill(string name, TemplateValues values)
    {
        using var stream = new MemoryStream();
        stream.Write(Read(name));
        using (var document = WordprocessingDocument.Open(stream, true, new OpenSettings { AutoSave = false }))
        {
            var main = document.MainDocumentPart!;
            var body = main.Document!.Body!;
            CheckAgreement(name, Slots(body), values.Slots);
            foreach (var block in body.Descendants<SdtBlock>().Where(IsRepeat).ToList())
            {
                var content = block.SdtContentBlock?.ChildElements.ToList() ?? [];
                foreach (var record in values.Repeats[TagOf(block)])
                {
                    foreach (var element in FillRecord(name, TagOf(block), [.. content.Select(e => e.CloneNode(true))], record))
                    {
                        block.InsertBeforeSelf(element);
                    }
                }

                block.Remove();
            }

            foreach (var block in body.Descendants<SdtBlock>().ToList())
            {
                var tag = TagOf(block);
                var content = block.SdtContentBlock?.ChildElements.ToList() ?? [];
                if (values.Lists.TryGetValue(tag, out var items))
                {
                    var pattern = content.OfType<Paragraph>().First();
                    foreach (var item in items)
                    {
                        var line = (Paragraph)pattern.CloneNode(true);
                        SetText(line, item);
                        block.InsertBeforeSelf(line);
                    }
                }
                else if (values.Conditions[tag])
                {
                    foreach (var element in content)
                    {
                        element.Remove();
                        block.InsertBeforeSelf(element);
                    }
                }

                block.Remove();
            }

            foreach (var slot in body.Descendants<SdtRun>().Where(s => !s.Ancestors<SdtRow>().Any()).ToList())
            {
                Replace(slot, values.Text[TagOf(slot)]);
            }

            if (body.Descendants<SdtRow>().Any())
            {
                WriteWithRows(name, main, values);
            }
            else
            {
                main.Document.Save();
            }
        }

        return stream.ToArray();
    }

    private static bool IsRepeat(OpenXmlElement sdt) => sdt is SdtBlock or SdtRow && TagOf(sdt).StartsWith(RepeatPrefix, StringComparison.Ordinal);

    /// <summary>A slot replaced by the value's text in the slot's formatting (nothing for an empty value).</summary>
    private static void Replace(SdtRun slot, string text)
    {
        if (text.Length > 0)
        {
            slot.InsertBeforeSelf(TextRun(slot.SdtContentRun?.Descendants<Run>().FirstOrDefault()?.RunProperties, text));
        }

        slot.Remove();
    }

    /// <summary>A copy of a repeated content with its inline slots filled from one record, which must name exactly those slots.</summary>
    private static IReadOnlyList<OpenXmlElement> FillRecord(string name, string tag, IReadOnlyList<OpenXmlElement> copy, IReadOnlyDictionary<string, string> record)
    {
        var slots = copy.SelectMany(e => e.Descendants<SdtRun>()).ToList();
        var tags = slots.Select(TagOf).ToHashSet(StringComparer.Ordinal);
        var missing = tags.Where(t => !record.ContainsKey(t)).ToList();
        var unknown = record.Keys.Where(k => !tags.Contains(k)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Mẫu văn bản «{name}», ô «{tag}» và mã nguồn không khớp: ô chưa điền [{string.Join(", ", missing)}], giá trị không có ô [{string.Join(", ", unknown)}].");
        }

        foreach (var slot in slots)
        {
            Replace(slot, record[TagOf(slot)]);
        }

        return copy;
    }

    /// <summary>
    /// The main part written element by element, each repeated table row (w:sdt around a w:tr) written once per record as
    /// it is filled: a table of thousands of rows (Mẫu 08 at province scale) never stands whole in memory.
    /// </summary>
    private static void WriteWithRows(string name, MainDocumentPart main, TemplateValues values)
    {
        var root = main.Document!;
        using var writer = OpenXmlWriter.Create(main);
        writer.WriteStartDocument();
        writer.WriteStartElement(root, root.GetAttributes(), root.NamespaceDeclarations);
        foreach (var child in root.ChildElements)
        {
            if (child is not Body body)
            {
                writer.WriteElement(child);
                continue;
            }

            writer.WriteStartElement(body);
            foreach (var element in body.ChildElements)
            {
                if (element is not Table table || !table.Elements<SdtRow>().Any())
                {
                    writer.WriteElement(element);
                    continue;
                }

                writer.WriteStartElement(table);
                foreach (var part in table.ChildElements)
                {
                    if (part is not SdtRow row)
                    {
                        writer.WriteElement(part);
                        continue;
                    }

                    var tag = TagOf(row);
                    var pattern = row.SdtContentRow?.Elements<TableRow>().FirstOrDefault()
                        ?? throw new InvalidOperationException($"Mẫu văn bản «{name}»: ô «{tag}» không có dòng bảng.");
                    foreach (var record in values.Repeats[tag])
                    {
                        writer.WriteElement(FillRecord(name, tag, [pattern.CloneNode(true)], record)[0]);
                    }
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static Dictionary<string, SlotKind> Slots(Body body)
    {
        var slots = new Dictionary<string, SlotKind>(StringComparer.Ordinal);
        foreach (var sdt in body.Descendants().Where(e => e is SdtRun or SdtBlock or SdtRow))
        {
            if (sdt.Ancestors().Any(IsRepeat))
            {
                continue; // a record's slot, checked against each record
            }

            var tag = TagOf(sdt);
            var kind = sdt is SdtRun ? SlotKind.Text
                : IsRepeat(sdt) ? SlotKind.Repeat
                : sdt is SdtRow ? throw new InvalidOperationException($"Mẫu văn bản: dòng bảng «{tag}» phải có tên «{RepeatPrefix}…».")
                : tag.StartsWith("if-", StringComparison.Ordinal) ? SlotKind.Condition : SlotKind.List;
            if (slots.TryGetValue(tag, out var seen) && seen != kind)
            {
                throw new InvalidOperationException($"Mẫu văn bản: ô «{tag}» vừa là {seen} vừa là {kind}.");
            }

            slots[tag] = kind;
        }

        return slots;
    }

    private static void CheckAgreement(string name, Dictionary<string, SlotKind> template, IReadOnlyDictionary<string, SlotKind> filled)
    {
        var unfilled = template.Where(s => !filled.TryGetValue(s.Key, out var kind) || kind != s.Value).Select(s => s.Key).ToList();
        var unknown = filled.Keys.Where(k => !template.ContainsKey(k)).ToList();
        if (unfilled.Count > 0 || unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Mẫu văn bản «{name}» và mã nguồn không khớp: ô chưa điền [{string.Join(", ", unfilled)}], giá trị không có ô [{string.Join(", ", unknown)}].");
        }
    }

    private static string TagOf(OpenXmlElement sdt) =>
        sdt.GetFirstChild<SdtProperties>()?.GetFirstChild<Tag>()?.Val?.Value
        ?? throw new InvalidOperationException("Mẫu văn bản có một ô (w:sdt) không có w:tag.");

    /// <summary>The paragraph's runs and slots replaced by one run of <paramref name="text"/> in the first run's formatting.</summary>
    private static void SetText(Paragraph paragraph, string text)
    {
        var properties = paragraph.Descendants<Run>().FirstOrDefault()?.RunProperties;
        var run = TextRun(properties, text);
        foreach (var child in paragraph.ChildElements.Where(c => c is not ParagraphProperties).ToList())
        {
            child.Remove();
        }

        paragraph.Append(run);
    }

    /// <summary>A run of text in the given formatting; line breaks become breaks, what XML cannot carry is dropped.</summary>
    private static Run TextRun(RunProperties? properties, string text)
    {
        var run = new Run();
        if (properties is not null)
        {
            run.Append(properties.CloneNode(true));
        }

        var lines = DossierDocuments.Clean(text).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return run;
    }
}
