using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>Model-binding messages (a value that cannot be read as a number, date, …) in Vietnamese.</summary>
public static class VietnameseModelBinding
{
    public static void Apply(DefaultModelBindingMessageProvider messages)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"Giá trị '{value}' không hợp lệ cho trường {field}.");
        messages.SetMissingBindRequiredValueAccessor(field => $"Thiếu giá trị cho trường {field}.");
        messages.SetMissingKeyOrValueAccessor(() => "Thiếu giá trị.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "Yêu cầu không có nội dung.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Giá trị '{value}' không hợp lệ.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Giá trị không hợp lệ.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Giá trị phải là một số.");
        messages.SetUnknownValueIsInvalidAccessor(field => $"Giá trị của trường {field} không hợp lệ.");
        messages.SetValueIsInvalidAccessor(value => $"Giá trị '{value}' không hợp lệ.");
        messages.SetValueMustBeANumberAccessor(field => $"Trường {field} phải là một số.");
        messages.SetValueMustNotBeNullAccessor(value => $"Giá trị '{value}' không được để trống.");
    }
}
