using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// HTTP parameter pollution (ASVS 5.0 V15.3.7): a page's <c>[BindProperty]</c> (one that is not bound on GET) takes its
/// values from the posted form and the route only. Left to the defaults, a value missing from the form would be taken from
/// the query string, so a link or a redirect could add fields the form never had (an id in a list, a field a page leaves
/// out). Properties bound on GET (<c>SupportsGet</c>: filters, the page's id) and handler parameters keep the query.
/// </summary>
public sealed class PostedValuesOnly : IPageApplicationModelConvention
{
    /// <summary>The posted form, and the route's values (<c>{id}</c>), never the query string.</summary>
    public static readonly BindingSource FormOrRoute = CompositeBindingSource.Create([BindingSource.Form, BindingSource.Path], "FormOrRoute");

    public void Apply(PageApplicationModel model)
    {
        foreach (var property in model.HandlerProperties)
        {
            if (property.Attributes.OfType<BindPropertyAttribute>().FirstOrDefault() is { SupportsGet: false }
                && property.BindingInfo is { BindingSource: null } binding)
            {
                binding.BindingSource = FormOrRoute;
            }
        }
    }
}
