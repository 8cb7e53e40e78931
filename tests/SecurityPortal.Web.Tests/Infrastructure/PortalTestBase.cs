using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SecurityPortal.Tests;

/// <summary>
/// One fresh database per test (xunit makes a new instance of the class for each test): a copy of <see cref="PortalTemplate"/>
/// unless <see cref="CreateDatabaseAsync"/> says otherwise. The running portal is shared: a test of a class that configures
/// nothing of its own borrows a started portal from a pool and points it at its database (starting a host cost about a
/// third of a second of CPU per test); a class that overrides <see cref="Configure"/> or <see cref="CreateDatabaseAsync"/>,
/// or sets <see cref="SharesHost"/> to false, gets a portal of its own for each test, as before.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit calls DisposeAsync (IAsyncLifetime); a borrowed portal goes back to the pool instead.")]
public abstract class PortalTestBase : IAsyncLifetime
{
    /// <summary>Started portals not in use by any test; the suites run two classes at a time, so it holds two or three.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentBag<PortalFactory> IdleHosts = [];

    private TestDatabase? _database;
    private PortalFactory? _factory;
    private bool _borrowed;

    protected PortalFactory Factory => _factory ?? throw new InvalidOperationException("Not initialised");

    /// <summary>
    /// Whether this class's tests may run on a pooled portal. False for a class that configures its portal or its database;
    /// a class override says false when its tests change the portal's memory (not only its database) or read its files folder.
    /// </summary>
    protected virtual bool SharesHost => !Overrides(nameof(Configure)) && !Overrides(nameof(CreateDatabaseAsync));

    private bool Overrides(string method) =>
        GetType().GetMethod(method, System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.DeclaringType
            != typeof(PortalTestBase);

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        if (SharesHost)
        {
            _borrowed = true;
            if (IdleHosts.TryTake(out var idle))
            {
                idle.UseDatabase(_database);
                _factory = idle;
            }
            else
            {
                _factory = new PortalFactory(_database, switchable: true);
            }
        }
        else
        {
            _factory = Configure(new PortalFactory(_database));
        }

        _ = _factory.Services;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null && !_borrowed)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_factory is not null && _borrowed)
        {
            IdleHosts.Add(_factory);
        }
    }

    /// <summary>Override for a test of the portal's first start, which needs an empty database (<see cref="TestDatabase.CreateAsync"/>).</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => PortalTemplate.CreateDatabaseAsync();

    /// <summary>Override to add settings before the portal starts.</summary>
    protected virtual PortalFactory Configure(PortalFactory factory) => factory;

    protected HttpClient Anonymous() => Factory.CreateClient();

    /// <summary>Signs in through the real login page (and the two-factor page when a key is given).</summary>
    protected async Task<HttpClient> SignInAsync(string email, string? authenticatorKey = null)
    {
        var client = Factory.CreateClient();
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = PortalFactory.Password });
        if (authenticatorKey is not null)
        {
            response.AssertRedirectsTo("/Account/LoginWith2fa");
            // The authenticator's code for the portal's «now»: a test clock stands still while real time goes on.
            var now = Factory.Clock?.GetUtcNow() ?? DateTimeOffset.UtcNow;
            response = await client.PostFormAsync("/Account/LoginWith2fa", new() { ["Input.Code"] = Totp.CodeAt(authenticatorKey, now) });
        }

        response.AssertRedirectsTo("/");
        return client;
    }
}

/// <summary>Form posting the way a browser does: GET the page, take its antiforgery token, POST the fields.</summary>
public static class FormClient
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Asserts a redirect to <paramref name="path"/> (query ignored; relative or absolute location).</summary>
    public static void AssertRedirectsTo(this HttpResponseMessage response, string path)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location ?? throw new InvalidOperationException("A redirect without a location");
        var actual = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?', '#')[0];
        Assert.Equal(path, actual);
    }

    /// <summary>Downloads an .xlsx export and returns its first sheet, header row first.</summary>
    public static async Task<List<List<string>>> GetExcelRowsAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SecurityPortal.Web.Infrastructure.Spreadsheet.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        // Every export must be a valid workbook, not only one this portal's reader accepts (XlsxWriter writes the package by hand).
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false))
        {
            var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, $"{url}: {string.Join(Environment.NewLine, errors.Take(10))}");
        }

        stream.Position = 0;
        var sheet = SecurityPortal.Web.Infrastructure.Spreadsheet.Read(stream)[0];
        return sheet.Rows.Select(r => r.Cells).Prepend([.. sheet.Header]).Select(r => r.ToList()).ToList();
    }

    public static async Task<IHtmlDocument> ParseAsync(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public static Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string url, Dictionary<string, string> fields, string? pageUrl = null) =>
        client.PostFormAsync(url, (IEnumerable<KeyValuePair<string, string>>)fields, pageUrl);

    /// <summary>Posts to <paramref name="url"/> with the antiforgery token of the page at <paramref name="pageUrl"/> (default: the same URL).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string? pageUrl = null)
    {
        var page = await client.GetDocumentAsync(pageUrl ?? url);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {pageUrl ?? url}");
        // Like a browser, the post carries the hidden fields of the page's forms (e.g. the concurrency stamp)
        // unless the test sets them itself.
        var given = fields.ToList();
        var hidden = page.QuerySelectorAll("main form[method=post] input[type=hidden][name]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? string.Empty))
            .Where(h => h.Key != "__RequestVerificationToken" && given.All(g => g.Key != h.Key))
            .DistinctBy(h => h.Key);
        return await client.PostAsync(url, new FormUrlEncodedContent(given.Concat(hidden).Append(new("__RequestVerificationToken", token))));
    }

    /// <summary>
    /// Posts a multipart form with one file to <paramref name="url"/>, as its page's form does: the page's antiforgery token
    /// and hidden fields (e.g. the concurrency stamp) are included unless <paramref name="fields"/> sets them.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFileAsync(
        this HttpClient client, string url, Dictionary<string, string> fields, string fileField, string fileName, byte[] content)
    {
        var page = await client.GetDocumentAsync(url);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {url}");
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var hidden in page.QuerySelectorAll("main form[method=post] input[type=hidden][name]")
                     .Select(i => (Name: i.GetAttribute("name")!, Value: i.GetAttribute("value") ?? string.Empty))
                     .Where(h => h.Name != "__RequestVerificationToken" && !fields.ContainsKey(h.Name))
                     .DistinctBy(h => h.Name))
        {
            form.Add(new StringContent(hidden.Value), hidden.Name);
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, fileField, fileName);
        return await client.PostAsync(url, form);
    }
}
