using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// Every text field bound to a model carries the server's maximum length as <c>maxlength</c> (issue 17), so the browser
/// stops the typing at the limit instead of the server refusing it afterwards. The limit is the validator's own
/// (FluentValidation's MaximumLength / Length rules, which the client adapters write as <c>data-val-length-max</c> or
/// <c>data-val-maxlength-max</c>): one number, declared once.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class FieldLimitTagHelper : TagHelper
{
    /// <summary>After the framework's input and textarea tag helpers, which write the validation attributes.</summary>
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (output.Attributes.ContainsName("maxlength"))
        {
            return;
        }

        var limit = output.Attributes["data-val-length-max"]?.Value ?? output.Attributes["data-val-maxlength-max"]?.Value;
        if (limit is not null)
        {
            output.Attributes.SetAttribute("maxlength", limit.ToString());
        }
    }
}

/// <summary>
/// A form's error summary is written only when there are errors. With nothing to list, the framework's summary tag helper
/// writes a hidden placeholder <c>&lt;li style="display:none"&gt;</c>, an inline style the strict CSP (style-src 'self')
/// blocks and reports on every form page.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ErrorSummaryTagHelper : TagHelper
{
    /// <summary>After the framework's validation summary tag helper.</summary>
    public override int Order => 1000;

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (ViewContext.ViewData.ModelState.ErrorCount == 0)
        {
            output.SuppressOutput();
        }
    }
}

/// <summary>
/// The messages the browser shows before sending a form (<c>data-val-required="…"</c> and the like, written by the
/// validators' client adapters in Vietnamese) in the user's language, as the server's own messages are.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
public sealed class ClientMessageTagHelper(PortalMessages messages) : TagHelper
{
    /// <summary>After the framework's tag helpers, which write the validation attributes.</summary>
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (PortalMessages.IsVietnamese(System.Globalization.CultureInfo.CurrentUICulture))
        {
            return;
        }

        // data-val-required, data-val-length, … are messages; data-val-length-max and the like are their arguments.
        foreach (var attribute in output.Attributes.Where(a => a.Name.StartsWith("data-val-", StringComparison.Ordinal) && a.Name.IndexOf('-', 9) < 0).ToList())
        {
            var text = attribute.Value switch
            {
                string s => s,
                Microsoft.AspNetCore.Html.HtmlString h => System.Net.WebUtility.HtmlDecode(h.Value),
                _ => null,
            };
            if (text is not null)
            {
                output.Attributes.SetAttribute(attribute.Name, messages.Translate(text));
            }
        }
    }
}
