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
