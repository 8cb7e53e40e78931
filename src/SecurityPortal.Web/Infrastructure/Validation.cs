using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>Explicit validation: the handler runs the page's validator and copies errors under the <c>Input.</c> prefix.</summary>
public static class Validation
{
    public static async Task<bool> ValidateInputAsync<T>(
        this ModelStateDictionary modelState, IValidator<T> validator, T input, CancellationToken cancellationToken = default)
    {
        var result = await validator.ValidateAsync(input, cancellationToken);
        foreach (var error in result.Errors)
        {
            modelState.AddModelError($"Input.{error.PropertyName}", error.ErrorMessage);
        }

        return modelState.IsValid;
    }

    public static void AddIdentityErrors(this ModelStateDictionary modelState, Microsoft.AspNetCore.Identity.IdentityResult result, string key = "")
    {
        foreach (var error in result.Errors)
        {
            modelState.AddModelError(key, error.Description);
        }
    }
}
