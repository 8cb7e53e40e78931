using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>How a typed date is read (dd/MM/yyyy first, ISO still accepted, never the month first) and shown back.</summary>
[Trait("Category", "ProviderIndependent")]
public sealed class DateInputTests
{
    [Theory]
    [InlineData("03/04/2024", 2024, 4, 3)]
    [InlineData("3/4/2024", 2024, 4, 3)]
    [InlineData(" 31/12/2026 ", 2026, 12, 31)]
    [InlineData("2024-04-03", 2024, 4, 3)]
    public void A_day_is_read_day_first(string typed, int year, int month, int day)
    {
        Assert.True(VietnameseDate.TryParseDate(typed, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("31/02/2024")]
    [InlineData("12/31/2026")]
    [InlineData("03.04.2024")]
    [InlineData("hôm nay")]
    public void An_impossible_or_month_first_day_is_refused(string typed) => Assert.False(VietnameseDate.TryParseDate(typed, out _));

    [Theory]
    [InlineData("07/12/2026 14:30", "2026-12-07T14:30:00")]
    [InlineData("7/12/2026 9:05", "2026-12-07T09:05:00")]
    [InlineData("2026-12-07T14:30", "2026-12-07T14:30:00")]
    public void A_moment_is_read_day_first(string typed, string expected)
    {
        Assert.True(VietnameseDate.TryParseDateTime(typed, out var moment));
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), moment);
        Assert.False(VietnameseDate.TryParseDateTime("12/31/2026 10:00", out _));
    }

    [Theory]
    [InlineData("2024-04-03", "03/04/2024")]
    [InlineData("2026-12-07T14:30", "07/12/2026 14:30")]
    [InlineData("31/02/2024", "31/02/2024")] // what the user typed and the server refused stays as typed
    public void A_value_is_shown_day_first(string value, string shown) => Assert.Equal(shown, VietnameseDate.Show(value));
}
