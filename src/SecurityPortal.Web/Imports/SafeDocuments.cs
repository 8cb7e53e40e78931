using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace SecurityPortal.Web.Imports;

/// <summary>
/// Reads an uploaded JSON or XML file the way every standard-format import does (SBOMs, scanner reports): bounded
/// nesting, no DTD, no resolver, no entity expansion — an XML file is read twice, the first pass stopping at
/// <c>maxDepth</c> before any tree is built. Problems are reported as (location, message), in Vietnamese.
/// </summary>
public static class SafeDocuments
{
    /// <summary>The file without its UTF-8 byte order mark, and its first non-blank byte (0 when empty).</summary>
    public static (byte[] Content, byte First) Trim(byte[] content)
    {
        var text = content.AsSpan();
        if (text.StartsWith(Encoding.UTF8.Preamble))
        {
            text = text[Encoding.UTF8.Preamble.Length..];
        }

        var first = 0;
        while (first < text.Length && text[first] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            first++;
        }

        return (text.ToArray(), first < text.Length ? text[first] : (byte)0);
    }

    public static JsonDocument? ParseJson(byte[] content, int maxDepth, Action<string, string> problem)
    {
        try
        {
            return JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"dòng {line + 1}" : "(tệp)";
            problem(where, ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"Tệp JSON lồng nhau quá {maxDepth} cấp."
                : "Tệp JSON không đọc được (sai cú pháp).");
            return null;
        }
    }

    public static XDocument? LoadXml(byte[] content, int maxDepth, int maxBytes, Action<string, string> problem)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = maxBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            // A first pass bounds the nesting before a tree is built.
            using (var reader = XmlReader.Create(new MemoryStream(content), settings))
            {
                while (reader.Read())
                {
                    if (reader.Depth > maxDepth)
                    {
                        problem($"dòng {((IXmlLineInfo)reader).LineNumber}", $"Tệp XML lồng nhau quá {maxDepth} cấp.");
                        return null;
                    }
                }
            }

            using var second = XmlReader.Create(new MemoryStream(content), settings);
            return XDocument.Load(second, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            problem($"dòng {ex.LineNumber}", ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? "Tệp XML có khai báo DTD; cổng không nhận DTD hay thực thể ngoài."
                : "Tệp XML không đọc được (sai cú pháp).");
            return null;
        }
    }

    /// <summary>A JSON property's text, trimmed; null when absent, not a string, or blank.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;
}
