using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// Two kinds of forged request that would otherwise end in a 500 (found by the wapiti scan, scripts/scan.sh):
/// <list type="bullet">
/// <item>a POST naming a handler that does not exist, or a POST to a page that has no POST handler: Razor Pages would
/// render the page without running any handler, its model never loaded — answered 404 (unknown handler) or 400 instead
/// (a GET with an unknown handler falls back to the page's own OnGet and is fine);</item>
/// <item>a checkbox posted with a value that is not a boolean: the error is kept for the form, but the value the page
/// shows back becomes «false», because the checkbox tag helper cannot render anything else.</item>
/// </list>
/// </summary>
public sealed partial class FormSafetyFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (context.HandlerMethod is null)
        {
            var named = !string.IsNullOrEmpty(context.RouteData.Values["handler"] as string) || request.Query.ContainsKey("handler")
                || (request.HasFormContentType && (await request.ReadFormAsync()).ContainsKey("handler"));
            if (named)
            {
                context.Result = new NotFoundResult();
                return;
            }

            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            {
                context.Result = new BadRequestResult();
                return;
            }
        }

        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.ValidationState == ModelValidationState.Invalid && entry.RawValue is not null
                && IsBoolean(context.HandlerInstance.GetType(), key) && !bool.TryParse(entry.AttemptedValue, out _))
            {
                context.ModelState.SetModelValue(key, "false", "false");
            }
        }

        await next();
    }

    /// <summary>Whether a model-state key ("Input.Serious", "Input.Rows[2].IsPublic") names a bool property of the page model.</summary>
    private static bool IsBoolean(Type model, string key)
    {
        var type = model;
        foreach (var part in key.Split('.'))
        {
            var name = Index().Replace(part, string.Empty);
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return false;
            }

            type = property.PropertyType;
            if (part.Contains('[', StringComparison.Ordinal))
            {
                type = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().LastOrDefault() ?? type;
            }
        }

        return type == typeof(bool) || type == typeof(bool?);
    }

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Index();
}
