using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace SecurityPortal.Web.Observability;

/// <summary>
/// A value that came from a request (a path, a header, a typed name) cannot start a log line of its own (ASVS 5.0 V16.4.1):
/// every string property of every event has its line breaks and other control characters written as escapes
/// (<c>\r</c>, <c>\n</c>, <c>\u001b</c>) before any sink sees it. The file sink writes JSON (one event a line, every value
/// escaped by the formatter); this guard protects the console (journald splits it by lines) as well.
/// </summary>
public sealed class LogInjectionGuard : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (Neutralise(value) is { } safe)
            {
                (changed ??= []).Add(new LogEventProperty(name, safe));
            }
        }

        foreach (var property in changed ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>The value with its control characters escaped, or null when it has none (nested values included).</summary>
    private static LogEventPropertyValue? Neutralise(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text } when text.Any(char.IsControl):
                return new ScalarValue(Escape(text));
            case SequenceValue sequence:
            {
                var items = sequence.Elements.Select(e => Neutralise(e) ?? e).ToList();
                return items.Where((item, i) => !ReferenceEquals(item, sequence.Elements[i])).Any() ? new SequenceValue(items) : null;
            }
            case StructureValue structure:
            {
                var properties = structure.Properties.Select(p => Neutralise(p.Value) is { } safe ? new LogEventProperty(p.Name, safe) : p).ToList();
                return properties.Where((p, i) => !ReferenceEquals(p, structure.Properties[i])).Any() ? new StructureValue(properties, structure.TypeTag) : null;
            }
            case DictionaryValue dictionary:
            {
                var entries = dictionary.Elements.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(e.Key, Neutralise(e.Value) ?? e.Value)).ToList();
                return entries.Where((e, i) => !ReferenceEquals(e.Value, dictionary.Elements.ElementAt(i).Value)).Any() ? new DictionaryValue(entries) : null;
            }
            default:
                return null;
        }
    }

    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
