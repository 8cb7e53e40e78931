using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SecurityPortal.Web.Observability;

/// <summary>
/// The portal's own traces and counters («SecurityPortal»): what an operator watches besides the framework's figures.
/// They cost nothing while no exporter listens (<see cref="TelemetrySetup"/> adds one when <c>OpenTelemetry:Endpoint</c> is set).
/// Tags carry outcomes and kinds only — never a name, an address or anything a person typed.
/// </summary>
public static class PortalTelemetry
{
    public const string Name = "SecurityPortal";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> SignIns = Meter.CreateCounter<long>(
        "portal.sign_ins", unit: "{attempt}", description: "Sign-in attempts by step (password, authenticator, recovery code) and outcome.");

    private static readonly Counter<long> Submissions = Meter.CreateCounter<long>(
        "portal.submissions", unit: "{form}", description: "Form posts handled, by page and outcome (saved, refused, invalid).");

    private static readonly Counter<long> Mails = Meter.CreateCounter<long>(
        "portal.mails", unit: "{mail}", description: "E-mails handed to the mail server or failed, by outcome.");

    private static readonly Counter<long> WebsiteChecks = Meter.CreateCounter<long>(
        "portal.website_checks", unit: "{check}", description: "Website checks recorded, by the health they found.");

    private static readonly Counter<long> ExportRows = Meter.CreateCounter<long>(
        "portal.export_rows", unit: "{row}", description: "Rows written to Excel exports, by sheet (one per list).");

    private static readonly Counter<long> Refusals = Meter.CreateCounter<long>(
        "portal.access_refused", unit: "{request}", description: "Requests of signed-in people refused (403, access denied, 404), by status.");

    public static void AccessRefused(int status) => Refusals.Add(1, new KeyValuePair<string, object?>("status", status));

    public static void SignIn(string step, string outcome) =>
        SignIns.Add(1, new KeyValuePair<string, object?>("step", step), new KeyValuePair<string, object?>("outcome", outcome));

    public static void Submission(string page, string outcome) =>
        Submissions.Add(1, new KeyValuePair<string, object?>("page", page), new KeyValuePair<string, object?>("outcome", outcome));

    public static void Mail(bool sent) => Mails.Add(1, new KeyValuePair<string, object?>("outcome", sent ? "sent" : "failed"));

    public static void WebsiteCheck(string health) => WebsiteChecks.Add(1, new KeyValuePair<string, object?>("health", health));

    public static void Exported(string sheet, int rows) => ExportRows.Add(rows, new KeyValuePair<string, object?>("sheet", sheet));
}
