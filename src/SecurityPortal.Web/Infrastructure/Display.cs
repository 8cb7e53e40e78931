using System.Globalization;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>How dates and times are shown: dd/MM/yyyy, in Asia/Ho_Chi_Minh, whatever the UI language.</summary>
public static class Display
{
    public static string DateTime(DateTime utc) =>
        VietnamTime.FromUtc(utc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
