using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// Puts a message the code wrote in Vietnamese into the user's language: a domain rule's refusal, a validator's or the
/// model binder's message, an Identity error, a status message after a redirect. The code keeps writing Vietnamese (the
/// domain knows no languages); the English file holds each message once, as its key. A message built from parts
/// («Dòng 5: Mã hệ thống đã tồn tại.») is found through its template («Dòng {0}: {1}»), and each part is translated in
/// turn. A message without an entry stays as written, which the English coverage test prevents for every literal of the
/// code.
/// </summary>
public sealed partial class PortalMessages(IStringLocalizer<SharedResource> localizer)
{
    private const int MaxDepth = 3;
    private const int MaxMatchedLength = 2_000;
    private static readonly ConcurrentDictionary<string, IReadOnlyList<Template>> TemplatesByCulture = new(StringComparer.Ordinal);

    /// <summary>The message in the current UI culture; Vietnamese stays as it is.</summary>
    public string Translate(string? message) =>
        string.IsNullOrEmpty(message) || IsVietnamese(CultureInfo.CurrentUICulture) ? message ?? string.Empty : Translate(message, 0);

    public static bool IsVietnamese(CultureInfo culture) => culture.TwoLetterISOLanguageName == "vi";

    /// <summary>The message in English, whatever the current request's language (the English half of a mail).</summary>
    public string InEnglish(string message)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = English;
        try
        {
            return Translate(message);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    private string Translate(string message, int depth)
    {
        if (Entry(message) is { } exact)
        {
            return exact;
        }

        // A message the code writes is a sentence or two; a longer text (a website finding's detail, which quotes a
        // remote page) is shown as it is, so a template's pattern never runs long on text from outside.
        if (depth >= MaxDepth || message.Length > MaxMatchedLength || !message.Any(c => c > 127))
        {
            return message;
        }

        foreach (var template in Templates())
        {
            if (Match(template, message) is { Success: true } match)
            {
                var parts = Enumerable.Range(0, template.Arity).Select(i => (object)Translate(match.Groups[$"p{i}"].Value, depth + 1)).ToArray();
                return string.Format(CultureInfo.CurrentCulture, template.English, parts);
            }
        }

        // Several sentences joined («Thiếu tên. Thiếu mã.»): each in turn.
        var sentences = SentenceEnd().Split(message);
        return sentences.Length > 1 ? string.Join(" ", sentences.Select(x => Translate(x, depth + 1))) : message;
    }

    /// <summary>The template's match, or none when its pattern runs out of time: never an error page for a message.</summary>
    private static Match? Match(Template template, string message)
    {
        try
        {
            return template.Pattern.Match(message);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// The entry for the text, or for the same text with its first letter in the other case (a step named inside a
    /// sentence, «xác minh», uses the button's entry «Xác minh»), its first letter then cased as the text's.
    /// </summary>
    public string? Entry(string text)
    {
        var exact = localizer[text];
        if (!exact.ResourceNotFound)
        {
            return exact.Value;
        }

        if (text.Length == 0 || !char.IsLetter(text[0]))
        {
            return null;
        }

        var lower = char.IsLower(text[0]);
        var other = localizer[(lower ? char.ToUpperInvariant(text[0]) : char.ToLowerInvariant(text[0])) + text[1..]];
        return other.ResourceNotFound || other.Value.Length == 0
            ? null
            : (lower ? char.ToLowerInvariant(other.Value[0]) : char.ToUpperInvariant(other.Value[0])) + other.Value[1..];
    }

    /// <summary>The entries with placeholders of the current culture, the most specific (longest fixed text) first.</summary>
    private IReadOnlyList<Template> Templates() => TemplatesByCulture.GetOrAdd(CultureInfo.CurrentUICulture.Name, _ =>
        [.. localizer.GetAllStrings(includeParentCultures: false)
            .Where(s => Placeholder().IsMatch(s.Name) && Placeholder().Replace(s.Name, string.Empty).Any(char.IsLetter))
            .Select(s => Template.From(s.Name, s.Value))
            .OrderByDescending(t => t.FixedLength)]);

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=\p{Lu})")]
    private static partial Regex SentenceEnd();

    private sealed record Template(Regex Pattern, int Arity, int FixedLength, string English)
    {
        public static Template From(string key, string english)
        {
            var pattern = new StringBuilder("^");
            var seen = new HashSet<int>();
            var position = 0;
            var fixedLength = 0;
            foreach (Match m in Placeholder().Matches(key))
            {
                pattern.Append(Regex.Escape(key[position..m.Index]));
                fixedLength += m.Index - position;
                var index = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                pattern.Append(seen.Add(index) ? $"(?<p{index}>.+?)" : $"\\k<p{index}>");
                position = m.Index + m.Length;
            }

            pattern.Append(Regex.Escape(key[position..])).Append('$');
            fixedLength += key.Length - position;
            return new Template(
                new Regex(pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)),
                seen.Count == 0 ? 0 : seen.Max() + 1, fixedLength, english);
        }
    }
}

/// <summary>
/// After a page's handler has run, every error of its model state (binding, validators, domain refusals, Identity) is
/// put into the user's language, so the summary and the messages beside the fields read in English too.
/// </summary>
public sealed class TranslateModelStateFilter(PortalMessages messages) : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        if (PortalMessages.IsVietnamese(CultureInfo.CurrentUICulture))
        {
            return;
        }

        foreach (var entry in context.ModelState.Values.Where(v => v.Errors.Count > 0))
        {
            var errors = entry.Errors.ToList();
            entry.Errors.Clear();
            foreach (var error in errors)
            {
                entry.Errors.Add(error.Exception is null
                    ? new ModelError(messages.Translate(error.ErrorMessage))
                    : new ModelError(error.Exception, messages.Translate(error.ErrorMessage)));
            }
        }
    }
}
