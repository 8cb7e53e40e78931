using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

/// <summary>
/// <c>SecurityPortal.Bench assessment &lt;base url&gt; &lt;officer e-mail&gt; &lt;password&gt; &lt;assessment id&gt; [rounds]</c>: signs in as the
/// officer through the login form, opens the 150-item assessment page repeatedly and saves answers one by one as the
/// page's forms do (token, item stamp), one request at a time. Prints p50/p95/max of each. Asserts nothing.
/// </summary>
internal static partial class AssessmentBench
{
    public static async Task RunAsync(string baseUrl, string email, string password, string assessmentId, int rounds)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
        var login = await client.GetStringAsync("/Account/Login");
        var signedIn = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = Token().Match(login).Groups[1].Value,
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in answered {(int)signedIn.StatusCode}");
        }

        var page = $"/Assessments/Details/{assessmentId}";
        var opens = new List<double>();
        string html = string.Empty;
        for (var i = 0; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            html = await client.GetStringAsync(page);
            opens.Add(watch.Elapsed.TotalMilliseconds);
        }

        var items = ItemForm().Matches(html).Select(m => (Id: m.Groups[1].Value, Stamp: m.Groups[2].Value)).ToList();
        var token = Token().Match(html).Groups[1].Value;
        var saves = new List<double>();
        foreach (var (id, stamp) in items.Take(rounds))
        {
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Item.Stamp"] = stamp, ["Item.Answer"] = "Met", ["Item.EvidenceNote"] = "Quy chế và nhật ký đính kèm.",
                ["Item.Justification"] = string.Empty, ["Item.PlannedDate"] = string.Empty, ["Item.Responsible"] = string.Empty,
            });
            var watch = Stopwatch.StartNew();
            var saved = await client.PostAsync($"{page}?handler=Answer&itemId={id}", form);
            saves.Add(watch.Elapsed.TotalMilliseconds);
            if (saved.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"saving item {id} answered {(int)saved.StatusCode}");
            }
        }

        Console.WriteLine($"assessment page ({items.Count} items, {html.Length / 1024} KiB), {opens.Count} opens: {Figures(opens)}");
        Console.WriteLine($"answer saves, {saves.Count} items one after another: {Figures(saves)}");
    }

    private static string Figures(List<double> times)
    {
        var sorted = times.Order().ToList();
        double At(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50={At(0.5):F1} ms p95={At(0.95):F1} ms max={sorted[^1]:F1} ms");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("itemId=([0-9a-f-]{36})[^\"]*\"[^>]*>\\s*<input type=\"hidden\" name=\"Item.Stamp\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex ItemForm();
}
