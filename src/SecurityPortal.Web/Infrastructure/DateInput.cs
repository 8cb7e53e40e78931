using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// Dates are typed and shown as dd/MM/yyyy whatever the browser's language (issue 17): Chromium draws an
/// <c>input type="date"</c> in the browser's own format (mm/dd/yyyy in English), which no page can change. Every date field
/// of the portal is therefore a text field in the Vietnamese format (<see cref="DateInputTagHelper"/>), read back by
/// <see cref="VietnameseDateBinder"/>; ISO dates (yyyy-MM-dd, what scripts, links and older forms send) are still accepted.
/// </summary>
public static class VietnameseDate
{
    public const string DateFormat = "dd/MM/yyyy";
    public const string DateTimeFormat = "dd/MM/yyyy HH:mm";

    private static readonly string[] DateFormats = ["d/M/yyyy", "dd/MM/yyyy", "yyyy-MM-dd"];

    private static readonly string[] DateTimeFormats =
    [
        "d/M/yyyy H:mm", "dd/MM/yyyy HH:mm", "d/M/yyyy", "dd/MM/yyyy", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd",
    ];

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryParseDateTime(string text, out DateTime value)
    {
        text = text.Trim();
        if (DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return true;
        }

        // A round-trip value ("2026-12-07T03:00:00Z") from a script or a link; never a culture's own order (12/07 is not ambiguous here).
        return text.Length > 4 && char.IsAsciiDigit(text[0]) && text[4] == '-'
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }

    /// <summary>An ISO value an input tag helper wrote (yyyy-MM-dd, yyyy-MM-ddTHH:mm[:ss]) in the Vietnamese format; anything else as it is.</summary>
    public static string Show(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString(DateFormat, CultureInfo.InvariantCulture)
            : DateTime.TryParseExact(value, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.fff"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var moment)
                ? moment.ToString(DateTimeFormat, CultureInfo.InvariantCulture)
                : value;
}

/// <summary>
/// Turns every <c>input type="date"</c> / <c>type="datetime-local"</c> of the pages into a text field in the Vietnamese
/// format, with a placeholder and a pattern; its value (an ISO date from the framework's input tag helper or the page) is
/// shown as dd/MM/yyyy. A value the user typed and the server refused stays as typed.
/// </summary>
[HtmlTargetElement("input", Attributes = "[type=date]")]
[HtmlTargetElement("input", Attributes = "[type=datetime-local]")]
public sealed class DateInputTagHelper : TagHelper
{
    /// <summary>After the framework's input tag helper, which writes the ISO value.</summary>
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var withTime = string.Equals(output.Attributes["type"]?.Value?.ToString(), "datetime-local", StringComparison.OrdinalIgnoreCase);
        output.Attributes.SetAttribute("type", "text");
        output.Attributes.SetAttribute("inputmode", "numeric");
        output.Attributes.SetAttribute("autocomplete", "off");
        output.Attributes.SetAttribute("placeholder", withTime ? "dd/mm/yyyy hh:mm" : "dd/mm/yyyy");
        output.Attributes.SetAttribute("maxlength", withTime ? "16" : "10");
        output.Attributes.SetAttribute("pattern", withTime ? @"\d{1,2}/\d{1,2}/\d{4}( \d{1,2}:\d{2})?" : @"\d{1,2}/\d{1,2}/\d{4}");
        output.Attributes.SetAttribute("data-date", withTime ? "datetime" : "date");
        if (output.Attributes["value"]?.Value is { } value && Text(value) is { Length: > 0 } text)
        {
            output.Attributes.SetAttribute("value", VietnameseDate.Show(text));
        }
    }

    private static string Text(object value)
    {
        if (value is IHtmlContent html and not HtmlString)
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            html.WriteTo(writer, HtmlEncoder.Default);
            return writer.ToString();
        }

        return value.ToString() ?? string.Empty;
    }
}

/// <summary>Reads <see cref="DateOnly"/> and <see cref="DateTime"/> fields typed as dd/MM/yyyy [HH:mm] (or ISO), with a Vietnamese message otherwise.</summary>
public sealed class VietnameseDateBinder(bool withTime) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        var text = result.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                    bindingContext.ModelMetadata.ModelBindingMessageProvider.ValueMustNotBeNullAccessor(text ?? string.Empty));
            }

            return Task.CompletedTask;
        }

        object? value = withTime
            ? VietnameseDate.TryParseDateTime(text, out var moment) ? moment : null
            : VietnameseDate.TryParseDate(text, out var day) ? day : null;
        if (value is not null)
        {
            bindingContext.Result = ModelBindingResult.Success(value);
            return Task.CompletedTask;
        }

        bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, withTime
            ? $"«{text}» không phải là thời điểm hợp lệ: hãy nhập theo dạng ngày/tháng/năm giờ:phút, ví dụ 31/12/2026 14:30."
            : $"«{text}» không phải là ngày hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2026.");
        return Task.CompletedTask;
    }
}

public sealed class VietnameseDateBinderProvider : IModelBinderProvider
{
    private static readonly VietnameseDateBinder Dates = new(false);
    private static readonly VietnameseDateBinder Moments = new(true);

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type == typeof(DateOnly) ? Dates : type == typeof(DateTime) ? Moments : null;
    }
}
