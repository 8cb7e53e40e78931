using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Data.Identity;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Observability;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// The log file is a machine format (ASVS 5.0 V16.2.4: the formatter appsettings.json gives the file sink writes one JSON
/// object a line), an unexpected error is logged with its request's path and trace id (V16.3.4), and a value from a request
/// cannot forge a log line (V16.4.1). The portal's events are collected as its sinks receive them and written with the
/// file sink's formatter.
/// </summary>
public sealed partial class LogFormatTests : PortalTestBase
{
    private static readonly string[] Addresses = ["a\nb"];
    private readonly Collector _log = new();

    protected override PortalFactory Configure(PortalFactory factory) => factory.WithServices(s => s.AddSingleton<ILogEventSink>(_log));

    [Fact]
    public async Task An_unexpected_error_is_logged_as_json_with_its_request_path_and_the_trace_id_the_error_page_shows()
    {
        using var factory = Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddTransient<IStartupFilter, ProductionErrorTests.ThrowingEndpoint>()));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser { UserName = "nhatky@tinh.vn", Email = "nhatky@tinh.vn", FullName = "Nhật ký" };
            await users.CreateAsync(user, PortalFactory.Password);
            await users.AddToRoleAsync(user, PortalRoles.Leadership);
        }

        var client = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "nhatky@tinh.vn", ["Input.Password"] = PortalFactory.Password });
        var response = await client.GetAsync("/test/throw?tu=khoa");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var traceId = TraceIdOnPage().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.Matches("^[0-9a-f]{32}$", traceId);

        // The exception handler's event, and the request log's line of the failed request: both carry the exception.
        var errors = FileLines().Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("@x", out var x) && x.GetString()!.Contains("secret internal detail", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, error =>
        {
            Assert.Equal("Error", error.GetProperty("@l").GetString());
            Assert.Equal("/test/throw", error.GetProperty("RequestPath").GetString());
            Assert.Equal(traceId, error.GetProperty("@tr").GetString());
        });
    }

    [Fact]
    public async Task Line_breaks_in_a_requested_path_are_escaped_in_the_log_file_so_no_line_can_be_forged()
    {
        const string Forged = "[ERR] Tài khoản quantri đã bị xoá";
        var response = await Anonymous().GetAsync("/Systems%0D%0A" + Uri.EscapeDataString(Forged) + "%0A" + Uri.EscapeDataString(Forged));
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);

        var logged = Assert.Single(_log.Events, e => e.MessageTemplate.Text == RequestLog.MessageTemplate
            && e.Properties["RequestPath"].ToString().Contains("quantri", StringComparison.Ordinal));
        Assert.StartsWith("/Systems\\r\\n[ERR]", ((ScalarValue)logged.Properties["RequestPath"]).Value as string, StringComparison.Ordinal);

        var lines = FileLines();
        Assert.DoesNotContain(lines, l => l.StartsWith("[ERR]", StringComparison.Ordinal));
        // Every line is one JSON event with a time and its message.
        Assert.All(lines, l =>
        {
            using var json = JsonDocument.Parse(l);
            Assert.True(json.RootElement.TryGetProperty("@t", out _), l);
            Assert.True(json.RootElement.TryGetProperty("@m", out _), l);
        });
    }

    /// <summary>The console (journald splits it into lines) is plain text: the guard escapes line breaks before any sink.</summary>
    [Fact]
    public void In_plain_text_too_a_value_with_line_breaks_stays_on_its_line()
    {
        var sink = new Collector();
        using (var logger = new LoggerConfiguration().Enrich.With<LogInjectionGuard>().WriteTo.Sink(sink).CreateLogger())
        {
            logger.Information("Sign-in refused for {Name} from {Addresses}", "x\r\n[ERR] forged\u001b[2J", Addresses);
        }

        var text = new StringWriter();
        new Serilog.Formatting.Display.MessageTemplateTextFormatter("[{Level:u3}] {Message:lj}{NewLine}", System.Globalization.CultureInfo.InvariantCulture)
            .Format(Assert.Single(sink.Events), text);
        var line = Assert.Single(text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.DoesNotContain('\u001b', line);
        Assert.Contains("x\\r\\n[ERR] forged\\u001b[2J", line, StringComparison.Ordinal);
    }

    /// <summary>The collected events as the file sink writes them: with the formatter appsettings.json names for it.</summary>
    private List<string> FileLines()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(AsvsMatrixTests.RepositoryRoot(), "src", "SecurityPortal.Web", "appsettings.json")));
        var file = settings.RootElement.GetProperty("Serilog").GetProperty("WriteTo").EnumerateArray().Single(s => s.GetProperty("Name").GetString() == "File");
        var formatterName = file.GetProperty("Args").GetProperty("formatter").GetString()!;
        var constructor = Type.GetType(formatterName, throwOnError: true)!.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        var formatter = (ITextFormatter)constructor.Invoke([.. constructor.GetParameters().Select(p => p.DefaultValue)]);
        var text = new StringWriter();
        foreach (var e in _log.Events)
        {
            formatter.Format(e, text);
        }

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        return [.. lines];
    }

    private sealed class Collector : ILogEventSink
    {
        private readonly List<LogEvent> _events = [];

        public List<LogEvent> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public void Emit(LogEvent logEvent)
        {
            lock (_events)
            {
                _events.Add(logEvent);
            }
        }
    }

    [GeneratedRegex("<code>([0-9a-f]{32})</code>")]
    private static partial Regex TraceIdOnPage();
}
