using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Observability;

/// <summary>
/// OpenTelemetry, off unless <c>OpenTelemetry:Endpoint</c> names a collector: traces of requests, outgoing HTTP calls
/// (website checks) and database commands, and metrics of requests, HTTP calls, the runtime and the portal's own counters
/// (<see cref="PortalTelemetry"/>), exported over OTLP. Query strings are redacted by the instrumentation, and database
/// spans carry the SQL text the portal sends (parameters are never recorded): nothing a person typed leaves the portal.
/// </summary>
public static class TelemetrySetup
{
    public const string SectionName = "OpenTelemetry";

    public static void AddPortalTelemetry(this WebApplicationBuilder builder)
    {
        if (ReadExporter(builder.Configuration) is not { } exporter)
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(exporter.ServiceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(t => t
                .AddSource(PortalTelemetry.Name)
                // Health probes every few seconds and static files would drown the requests people make.
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/health") && !c.Request.Path.StartsWithSegments("/lib"))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(m => m
                .AddMeter(PortalTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .UseOtlpExporter(exporter.Protocol, exporter.Endpoint);
    }

    /// <summary>Where to export, or null when <c>OpenTelemetry:Endpoint</c> is empty (telemetry off); a wrong value stops the start.</summary>
    public static OtlpSettings? ReadExporter(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        if (section["Endpoint"] is not { Length: > 0 } endpointText)
        {
            return null;
        }

        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new PortalConfigurationException($"OpenTelemetry:Endpoint = «{endpointText}» không hợp lệ: cần một địa chỉ http:// hoặc https:// của bộ thu OTLP.");
        }

        var protocol = section["Protocol"] switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new PortalConfigurationException($"OpenTelemetry:Protocol = «{other}» không hợp lệ. Giá trị cho phép: grpc, http/protobuf."),
        };

        return new OtlpSettings(endpoint, protocol, section["ServiceName"] is { Length: > 0 } name ? name : PortalTelemetry.Name);
    }
}

/// <summary>The OTLP collector's address, its protocol and the name the portal reports as.</summary>
public sealed record OtlpSettings(Uri Endpoint, OtlpExportProtocol Protocol, string ServiceName);
