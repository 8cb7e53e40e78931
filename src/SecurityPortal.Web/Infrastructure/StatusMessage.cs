using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>One-shot messages shown after Post/Redirect/Get.</summary>
public static class StatusMessage
{
    public const string Key = "StatusMessage";
    public const string ErrorPrefix = "Lỗi:";

    public static void Success(this ITempDataDictionary tempData, string message) => tempData[Key] = message;

    public static void Error(this ITempDataDictionary tempData, string message) => tempData[Key] = ErrorPrefix + message;
}
