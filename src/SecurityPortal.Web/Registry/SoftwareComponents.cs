using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Web.Registry;

/// <summary>What the system form, the import and the software pages agree on about a system's software components.</summary>
public static class SoftwareComponents
{
    /// <summary>More component rows than this make a system's edit form too large to post.</summary>
    public const int MaxPerSystem = 200;

    public static string AlertText(ComponentAlert alert) => alert switch
    {
        ComponentAlert.EndOfLife => "Đã hết hỗ trợ",
        ComponentAlert.NotPatchedRecently => "Lâu chưa vá",
        ComponentAlert.PatchDateUnknown => "Chưa rõ ngày vá",
        _ => string.Empty,
    };
}
