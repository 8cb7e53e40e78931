using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Tests;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Hà Nội", "ha noi")]
    [InlineData("  Ủy ban nhân dân   phường Bến Thủy ", "uy ban nhan dan phuong ben thuy")]
    [InlineData("ĐẮK LẮK", "dak lak")]
    [InlineData("Sở Khoa học và Công nghệ", "so khoa hoc va cong nghe")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Folds_Vietnamese_for_search(string? input, string expected) =>
        Assert.Equal(expected, SearchText.Normalize(input));
}

public sealed class VietnamTimeTests
{
    [Fact]
    public void Utc_is_shown_seven_hours_ahead_across_midnight_and_year_end()
    {
        var utc = new DateTime(2026, 12, 31, 18, 30, 0, DateTimeKind.Utc);
        var local = VietnamTime.FromUtc(utc);
        Assert.Equal(new DateTime(2027, 1, 1, 1, 30, 0), local);
        Assert.Equal(utc, VietnamTime.ToUtc(local));
    }

    [Fact]
    public void Today_follows_the_Vietnamese_calendar_day()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 17, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 11, 25), VietnamTime.Today(clock));
    }
}
