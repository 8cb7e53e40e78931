using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// The shared pager (_Pager) links to the next page of the same list with the same filters. It once wrote href=""
/// on every list (the anchor tag helper had no page to build a route for), which no test noticed; that every link of
/// every page has a target is checked by the crawl of <see cref="PageCrawlTests"/>.
/// </summary>
public sealed class PagerTests : PortalTestBase
{
    [Fact]
    public async Task Following_the_next_page_link_keeps_the_list_and_its_filters()
    {
        var agency = await Factory.CreateAgencyAsync("SL-PAGE", "Sở Lao động");
        await Factory.CreateUserAsync("qt@tinh.vn", PortalRoles.Administrator, authenticatorKey: Totp.Key);
        for (var i = 0; i < 55; i++)
        {
            await Factory.CreateSystemAsync($"LD-{i:D2}", $"Cổng dịch vụ lao động {i:D2}", agency.Id);
        }

        var admin = await SignInAsync("qt@tinh.vn", Totp.Key);
        foreach (var (url, filter) in new[] { ("/Systems?q=lao+dong", "q=lao"), ("/Audit?entity=InformationSystem", "entity=InformationSystem") })
        {
            var first = await admin.GetDocumentAsync(url);
            var next = first.QuerySelectorAll("nav .page-link").SingleOrDefault(a => a.TextContent == "Trang sau")?.GetAttribute("href");
            Assert.False(string.IsNullOrEmpty(next), $"{url}: no link to the next page");
            Assert.Contains(filter, next, StringComparison.Ordinal);
            Assert.Contains("trang=2", next, StringComparison.Ordinal);
            var second = await admin.GetDocumentAsync(next!);
            Assert.Contains("Trang 2", second.QuerySelector("nav .pagination")!.TextContent, StringComparison.Ordinal);
            var back = second.QuerySelectorAll("nav .page-link").Single(a => a.TextContent == "Trang trước").GetAttribute("href");
            Assert.Contains("trang=1", back, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_long_list_counts_a_thousand_rows_ahead_then_says_more_than_and_its_last_page_has_the_exact_count()
    {
        var agency = await Factory.CreateAgencyAsync("SL-LONG", "Sở Tài chính");
        var system = await Factory.CreateSystemAsync("TC-01", "Hệ thống quản lý ngân sách", agency.Id);
        await Factory.CreateUserAsync("td@tinh.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        const int tasks = Pager.CountAhead + 30;
        await Factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < tasks; i++)
            {
                db.RemediationTasks.Add(new RemediationTask(system.Id, $"Vá lỗ hổng {i:D4}", null, TaskSource.Other, null, null, null,
                    TaskSeverity.Medium, today.AddDays(i), "seed", DateTime.UtcNow));
            }

            return await db.SaveChangesAsync();
        });
        var reviewer = await SignInAsync("td@tinh.vn", Totp.Key);

        var first = await reviewer.GetDocumentAsync("/Tasks?view=all");
        Assert.StartsWith("hơn 1.000 nhiệm vụ phù hợp", first.QuerySelector("#task-count")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(first.QuerySelectorAll("nav .page-link"), a => a.TextContent == "Trang sau");

        // The last page (21 of 50 rows) counted up to 2,000 and found them all.
        var last = await reviewer.GetDocumentAsync("/Tasks?view=all&trang=21");
        Assert.StartsWith("1.030 nhiệm vụ phù hợp", last.QuerySelector("#task-count")!.TextContent, StringComparison.Ordinal);
        var rows = last.QuerySelectorAll("#tasks tbody tr").Select(r => r.QuerySelector("a")!.TextContent).ToList();
        Assert.Equal(30, rows.Count);
        Assert.Equal("Vá lỗ hổng 1029", rows[^1]);
        Assert.DoesNotContain(last.QuerySelectorAll("nav .page-link"), a => a.TextContent == "Trang sau");
    }
}
