using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Observability;
using Serilog.Core;
using Serilog.Events;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// Issue 19, «Observable»: with <c>OpenTelemetry:Endpoint</c> set, a page's request is traced with its database commands
/// beneath it and the portal's own counters are exported; every request's log line names the user, the agency and the
/// trace; a failed sign-in is logged with the attempted name hashed, never as typed. The collector here is the SDK's
/// in-memory exporter beside the OTLP one (whose endpoint on loopback has no listener: its failures are the SDK's own and
/// never reach a request).
/// </summary>
public sealed class TelemetryTests : PortalTestBase
{
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly LogCollector _log = new();

    protected override PortalFactory Configure(PortalFactory factory) => factory
        .With("OpenTelemetry:Endpoint", "http://127.0.0.1:9")
        .WithServices(s =>
        {
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans));
            s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(_metrics));
            s.AddSingleton<ILogEventSink>(_log);
        });

    [Fact]
    public async Task A_page_is_traced_with_its_database_calls_and_the_portals_counters_are_exported()
    {
        var agency = await Factory.CreateAgencyAsync("SYT", "Sở Y tế");
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, agency.Id);
        var client = await SignInAsync("yte@sl.vn");
        var refused = await Anonymous().PostFormAsync("/Account/Login", new() { ["Input.Email"] = "yte@sl.vn", ["Input.Password"] = "sai-mat-khau-roi" });
        Assert.Equal(System.Net.HttpStatusCode.OK, refused.StatusCode);

        var page = await client.GetAsync("/Systems");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);

        // The server span ends as the response is finished, a moment after the client has read it.
        var request = await EventuallyAsync(() => Snapshot(_spans).FirstOrDefault(a => a.Kind == ActivityKind.Server && a.GetTagItem("url.path") as string == "/Systems"));
        Assert.Equal(200, Convert.ToInt32(request.GetTagItem("http.response.status_code"), System.Globalization.CultureInfo.InvariantCulture));
        var database = Snapshot(_spans).Where(a => a.TraceId == request.TraceId && a.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(database);
        Assert.All(database, a => Assert.Equal(ActivityKind.Client, a.Kind));

        // False here: the OTLP exporter beside the in-memory one has no collector to reach.
        Factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var signIns = Snapshot(_metrics).Where(m => m.Name == "portal.sign_ins").SelectMany(Points).ToList();
        Assert.Contains(signIns, p => p.Tags["step"] == "password" && p.Tags["outcome"] == "succeeded" && p.Value >= 1);
        Assert.Contains(signIns, p => p.Tags["step"] == "password" && p.Tags["outcome"] == "failed" && p.Value >= 1);
        var submissions = Snapshot(_metrics).Where(m => m.Name == "portal.submissions").SelectMany(Points).ToList();
        Assert.Contains(submissions, p => p.Tags["page"] == "/Account/Login" && p.Tags["outcome"] == "accepted");
        Assert.Contains(submissions, p => p.Tags["page"] == "/Account/Login" && p.Tags["outcome"] == "invalid");
        Assert.Contains(Snapshot(_metrics), m => m.Name == "http.server.request.duration");
    }

    [Fact]
    public async Task Every_request_log_names_the_user_the_agency_and_the_trace_and_a_failed_sign_in_hides_the_name_typed()
    {
        var agency = await Factory.CreateAgencyAsync("SYT", "Sở Y tế");
        var user = await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, agency.Id);
        var client = await SignInAsync("yte@sl.vn");
        await Anonymous().PostFormAsync("/Account/Login", new() { ["Input.Email"] = "khong-co@sl.vn", ["Input.Password"] = "sai-mat-khau-roi" });
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/Systems")).StatusCode);

        var line = await EventuallyAsync(() => _log.Events.FirstOrDefault(e => e.MessageTemplate.Text == RequestLog.MessageTemplate && Text(e, "RequestPath") == "/Systems"),
            () => string.Join(Environment.NewLine, _log.Events.Take(20).Select(e => e.MessageTemplate.Text + " " + string.Join(",", e.Properties.Select(p => p.Key + "=" + p.Value)))));
        Assert.Equal(user.Id, Text(line, "UserId"));
        Assert.Equal(agency.Id.ToString(), Text(line, "AgencyId"));
        Assert.Matches("^[0-9a-f]{32}$", Text(line, "TraceId"));
        Assert.Contains(user.Id, line.RenderMessage(), StringComparison.Ordinal);

        var anonymous = _log.Events.First(e => e.MessageTemplate.Text == RequestLog.MessageTemplate && Text(e, "RequestPath") == "/Account/Login" && Text(e, "RequestMethod") == "GET");
        Assert.Equal("-", Text(anonymous, "UserId"));

        var failed = _log.Events.Single(e => e.MessageTemplate.Text.StartsWith("Sign-in as", StringComparison.Ordinal) && e.Level == LogEventLevel.Warning);
        Assert.Equal(RequestLog.HashedName("khong-co@sl.vn"), Text(failed, "AttemptedName"));
        Assert.Equal(RequestLog.HashedName("  KHONG-CO@sl.vn "), RequestLog.HashedName("khong-co@sl.vn"));
        Assert.DoesNotContain(_log.Events, e => e.RenderMessage().Contains("khong-co", StringComparison.OrdinalIgnoreCase)
            || e.Properties.Values.Any(v => v.ToString().Contains("khong-co", StringComparison.OrdinalIgnoreCase)));
        var succeeded = _log.Events.Single(e => e.MessageTemplate.Text.StartsWith("User {UserId} signed in", StringComparison.Ordinal));
        Assert.Equal(user.Id, Text(succeeded, "UserId"));
    }

    [Fact]
    public async Task Another_agencys_record_and_a_page_of_another_role_are_logged_as_security_events()
    {
        var health = await Factory.CreateAgencyAsync("SYT", "Sở Y tế");
        var finance = await Factory.CreateAgencyAsync("STC", "Sở Tài chính");
        var officer = await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        var foreign = await Factory.CreateSystemAsync("STC-KT", "Hệ thống kế toán", finance.Id);
        var client = await SignInAsync("yte@sl.vn");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"/Systems/Details/{foreign.Id}?q=do-tham")).StatusCode);
        (await client.GetAsync("/Admin/Users/Create")).AssertRedirectsTo("/Account/AccessDenied");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/Systems")).StatusCode);
        await Anonymous().GetAsync("/khong-co-trang-nay");

        var events = _log.Events.Where(e => e.MessageTemplate.Text.StartsWith("Security event:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal(LogEventLevel.Warning, e.Level);
            Assert.Equal(officer.Id, Text(e, "UserId"));
            Assert.Equal(health.Id.ToString(), Text(e, "AgencyId"));
            Assert.DoesNotContain("do-tham", e.RenderMessage(), StringComparison.Ordinal);
        });
        Assert.Contains(events, e => Text(e, "StatusCode") == "404" && Text(e, "RequestPath") == $"/Systems/Details/{foreign.Id}");
        Assert.Contains(events, e => Text(e, "StatusCode") == "302" && Text(e, "RequestPath") == "/Admin/Users/Create");
    }

    [Theory]
    [InlineData("OpenTelemetry:Endpoint", "ftp://thu.vn:4317", "OpenTelemetry:Endpoint")]
    [InlineData("OpenTelemetry:Endpoint", "thu.vn:4317", "OpenTelemetry:Endpoint")]
    [InlineData("OpenTelemetry:Protocol", "udp", "OpenTelemetry:Protocol")]
    public void A_wrong_exporter_setting_stops_the_start_and_names_its_key(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { ["OpenTelemetry:Endpoint"] = "http://127.0.0.1:4317", [key] = value };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var error = Assert.Throws<PortalConfigurationException>(() => TelemetrySetup.ReadExporter(configuration));
        Assert.StartsWith(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Telemetry_is_off_without_an_endpoint_and_takes_the_documented_defaults_with_one()
    {
        Assert.Null(TelemetrySetup.ReadExporter(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["OpenTelemetry:Endpoint"] = "" }).Build()));
        var on = TelemetrySetup.ReadExporter(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["OpenTelemetry:Endpoint"] = "https://otel.tinh.vn:4318", ["OpenTelemetry:Protocol"] = "http/protobuf" }).Build());
        Assert.NotNull(on);
        Assert.Equal(new Uri("https://otel.tinh.vn:4318"), on.Endpoint);
        Assert.Equal(OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, on.Protocol);
        Assert.Equal("SecurityPortal", on.ServiceName);
    }

    private static List<T> Snapshot<T>(List<T> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> find, Func<string>? seen = null)
        where T : class
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (find() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("not recorded within 5 s; seen: " + seen?.Invoke());
    }

    private static List<(Dictionary<string, string> Tags, long Value)> Points(Metric metric)
    {
        var points = new List<(Dictionary<string, string> Tags, long Value)>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value?.ToString() ?? string.Empty;
            }

            points.Add((tags, point.GetSumLong()));
        }

        return points;
    }

    private static string? Text(LogEvent e, string property) =>
        e.Properties.TryGetValue(property, out var value) ? (value as ScalarValue)?.Value?.ToString() ?? value.ToString() : null;

    private sealed class LogCollector : ILogEventSink
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
}
