using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Data.Seeding;
using SecurityPortal.Domain.Calendar;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Admin;

public sealed class CalendarTests : PortalTestBase
{
    private async Task<HttpClient> AdminAsync()
    {
        await Factory.CreateUserAsync("qt@sl.vn", PortalRoles.Administrator, authenticatorKey: Totp.Key);
        return await SignInAsync("qt@sl.vn", Totp.Key);
    }

    [Fact]
    public async Task The_seeded_calendar_is_loaded_once_and_drives_working_day_deadlines()
    {
        var days = await Factory.WithDbAsync(db => db.CalendarDays.ToListAsync());
        Assert.True(days.Count >= 30, $"{days.Count} calendar days seeded");
        Assert.Contains(days, d => d.Date == new DateOnly(2025, 1, 27) && d.Kind == CalendarDayKind.DayOff && !d.IsProvisional);
        Assert.Contains(days, d => d.Date.Year == 2027 && d.IsProvisional);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PortalSeeder>().SeedCalendarAsync());
        }

        var calendar = CalendarDay.ToWorkingDays(days);
        Assert.Equal(new DateOnly(2025, 2, 5), calendar.AddWorkingDays(new DateOnly(2025, 1, 22), 5));
        Assert.Equal(new DateOnly(2025, 4, 28), calendar.AddWorkingDays(new DateOnly(2025, 4, 24), 3));
    }

    [Fact]
    public async Task The_seeded_2026_calendar_has_both_announced_breaks_and_2027_Tet_has_five_weekdays()
    {
        var days = await Factory.WithDbAsync(db => db.CalendarDays.ToDictionaryAsync(d => d.Date));
        foreach (var off in new DateOnly[] { new(2026, 1, 1), new(2026, 1, 2), new(2026, 8, 31), new(2026, 9, 1), new(2026, 9, 2) })
        {
            Assert.True(days.TryGetValue(off, out var day) && day.Kind == CalendarDayKind.DayOff && !day.IsProvisional, $"{off} is a day off");
        }

        // The swapped Saturdays are not confirmed against the notices: provisional, and named so.
        Assert.All(new DateOnly[] { new(2026, 1, 10), new(2026, 9, 12) }, d => Assert.True(days[d].Kind == CalendarDayKind.MakeUpWorkingDay && days[d].IsProvisional));
        Assert.Equal(5, days.Values.Count(d => d.Date.Year == 2027 && d.Date.Month == 2 && d.Name.StartsWith("Tết", StringComparison.Ordinal)));
        Assert.All(days.Values.Where(d => d.Date.Year == 2027 && d.Date.Month == 2), d => Assert.True(d.IsProvisional));
    }

    [Fact]
    public async Task A_database_seeded_by_an_earlier_version_gets_the_corrections_once_and_keeps_the_administrators_entries()
    {
        // The database as the earlier calendar file left it, plus two entries of an administrator's own.
        await Factory.WithDbAsync(async db =>
        {
            var shippedSince = new DateOnly[] { new(2026, 1, 2), new(2026, 1, 10), new(2026, 8, 31), new(2026, 9, 1), new(2026, 9, 12) };
            await db.CalendarDays.Where(d => shippedSince.Contains(d.Date)).ExecuteDeleteAsync();
            db.CalendarDays.AddRange(
                new CalendarDay(new DateOnly(2026, 9, 1), "Quốc khánh (dự kiến ngày nghỉ thứ hai)", CalendarDayKind.DayOff, isProvisional: true),
                new CalendarDay(new DateOnly(2027, 2, 4), "Tết Nguyên đán Đinh Mùi (dự kiến)", CalendarDayKind.DayOff, isProvisional: true),
                new CalendarDay(new DateOnly(2027, 2, 12), "Tết Nguyên đán Đinh Mùi (dự kiến)", CalendarDayKind.DayOff, isProvisional: false),
                new CalendarDay(new DateOnly(2026, 1, 10), "Làm bù theo Thông báo của Bộ Nội vụ", CalendarDayKind.MakeUpWorkingDay, isProvisional: false));
            return await db.SaveChangesAsync();
        });

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<PortalSeeder>();
            Assert.Equal(4, await seeder.SeedCalendarAsync()); // 02/01, 31/08, 01/09 (corrected), 12/09
            Assert.Equal(0, await seeder.SeedCalendarAsync());
        }

        var days = await Factory.WithDbAsync(db => db.CalendarDays.ToDictionaryAsync(d => d.Date));
        Assert.Equal("Quốc khánh", days[new DateOnly(2026, 9, 1)].Name);
        Assert.False(days[new DateOnly(2026, 9, 1)].IsProvisional);
        Assert.True(days[new DateOnly(2026, 1, 2)].Kind == CalendarDayKind.DayOff && days[new DateOnly(2026, 8, 31)].Kind == CalendarDayKind.DayOff);
        Assert.False(days.ContainsKey(new DateOnly(2027, 2, 4)));
        // What the administrator confirmed or entered stays as they left it.
        Assert.False(days[new DateOnly(2027, 2, 12)].IsProvisional);
        Assert.Equal("Làm bù theo Thông báo của Bộ Nội vụ", days[new DateOnly(2026, 1, 10)].Name);
        Assert.False(days[new DateOnly(2026, 1, 10)].IsProvisional);
    }

    [Fact]
    public async Task An_administrator_adds_confirms_and_removes_days_with_clear_refusals()
    {
        var client = await AdminAsync();
        var added = await client.PostFormAsync("/Admin/Calendar?year=2028", new Dictionary<string, string>
        {
            ["Input.Date"] = "2028-01-03", ["Input.Name"] = "Nghỉ bù Tết Dương lịch", ["Input.Kind"] = nameof(CalendarDayKind.DayOff),
        });
        added.AssertRedirectsTo("/Admin/Calendar");
        var page = await client.GetDocumentAsync("/Admin/Calendar?year=2028");
        Assert.Contains("03/01/2028", page.Body!.TextContent, StringComparison.Ordinal);

        var duplicate = await client.PostFormAsync("/Admin/Calendar?year=2028", new Dictionary<string, string>
        {
            ["Input.Date"] = "2028-01-03", ["Input.Name"] = "Trùng", ["Input.Kind"] = nameof(CalendarDayKind.DayOff),
        });
        Assert.Contains("đã có trong lịch", (await duplicate.ParseAsync()).QuerySelector("[data-valmsg-for='Input.Date']")!.TextContent, StringComparison.Ordinal);

        var weekdayMakeUp = await client.PostFormAsync("/Admin/Calendar?year=2028", new Dictionary<string, string>
        {
            ["Input.Date"] = "2028-01-05", ["Input.Name"] = "Làm bù", ["Input.Kind"] = nameof(CalendarDayKind.MakeUpWorkingDay),
        });
        var refusedPage = await weekdayMakeUp.ParseAsync();
        Assert.Contains("thứ Bảy hoặc Chủ nhật", refusedPage.QuerySelector("[data-valmsg-for='Input.Kind']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Làm bù", refusedPage.QuerySelector("#Input_Name")!.GetAttribute("value"));

        var provisional = await Factory.WithDbAsync(db => db.CalendarDays.FirstAsync(d => d.IsProvisional));
        (await client.PostFormAsync($"/Admin/Calendar?handler=Confirm&id={provisional.Id}", new Dictionary<string, string>(), pageUrl: $"/Admin/Calendar?year={provisional.Date.Year}"))
            .AssertRedirectsTo("/Admin/Calendar");
        Assert.False(await Factory.WithDbAsync(db => db.CalendarDays.Where(d => d.Id == provisional.Id).Select(d => d.IsProvisional).SingleAsync()));

        var id = await Factory.WithDbAsync(db => db.CalendarDays.Where(d => d.Date == new DateOnly(2028, 1, 3)).Select(d => d.Id).SingleAsync());
        (await client.PostFormAsync($"/Admin/Calendar?handler=Delete&id={id}", new Dictionary<string, string>(), pageUrl: "/Admin/Calendar?year=2028"))
            .AssertRedirectsTo("/Admin/Calendar");
        Assert.False(await Factory.WithDbAsync(db => db.CalendarDays.AnyAsync(d => d.Date == new DateOnly(2028, 1, 3))));
    }

    [Fact]
    public async Task Only_administrators_maintain_the_calendar()
    {
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        (await reviewer.GetAsync("/Admin/Calendar")).AssertRedirectsTo("/Account/AccessDenied");
        Assert.Equal(HttpStatusCode.NotFound, (await (await AdminAsync()).PostFormAsync($"/Admin/Calendar?handler=Delete&id={Guid.NewGuid()}", new Dictionary<string, string>(), pageUrl: "/Admin/Calendar")).StatusCode);
    }
}
