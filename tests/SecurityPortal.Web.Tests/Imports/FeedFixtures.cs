using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecurityPortal.Tests.Imports;

/// <summary>
/// Feed files written by the tests after the published schemas: OSV 1.6 records (id, modified, published, aliases,
/// summary, severity, affected[].package/ranges/versions, database_specific) zipped one per file as osv.dev's
/// per-ecosystem archives are, and NVD CVE JSON 2.0 files (vulnerabilities[].cve with metrics and configurations).
/// </summary>
public static class FeedFixtures
{
    public static JsonObject Osv(string id, string modified, string ecosystem, string name, string? summary = null, string[]? aliases = null,
        string? cvss = null, string? severity = null, params (string Kind, string Version)[] events)
    {
        var record = new JsonObject
        {
            ["schema_version"] = "1.6.0",
            ["id"] = id,
            ["modified"] = modified,
            ["published"] = "2024-01-02T03:04:05Z",
            ["aliases"] = new JsonArray([.. (aliases ?? []).Select(a => (JsonNode)JsonValue.Create(a)!)]),
            ["summary"] = summary ?? $"Lỗ hổng {id}",
            ["affected"] = new JsonArray(new JsonObject
            {
                ["package"] = new JsonObject { ["ecosystem"] = ecosystem, ["name"] = name },
                ["ranges"] = new JsonArray(new JsonObject
                {
                    ["type"] = "ECOSYSTEM",
                    ["events"] = new JsonArray([.. events.Select(e => (JsonNode)new JsonObject { [e.Kind] = e.Version })]),
                }),
            }),
        };
        if (cvss is not null)
        {
            record["severity"] = new JsonArray(new JsonObject { ["type"] = "CVSS_V3", ["score"] = cvss });
        }

        if (severity is not null)
        {
            record["database_specific"] = new JsonObject { ["severity"] = severity };
        }

        return record;
    }

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] OsvArchive(params JsonObject[] records) =>
        Zip([.. records.Select(r => ($"{r["id"]}.json", Encoding.UTF8.GetBytes(r.ToJsonString())))]);

    /// <summary>One NVD cpeMatch: criteria and its optional range bounds.</summary>
    public static JsonObject CpeMatch(string criteria, string? startIncluding = null, string? endExcluding = null, string? endIncluding = null, string? startExcluding = null)
    {
        var match = new JsonObject { ["vulnerable"] = true, ["criteria"] = criteria, ["matchCriteriaId"] = Guid.NewGuid().ToString().ToUpperInvariant() };
        if (startIncluding is not null) { match["versionStartIncluding"] = startIncluding; }
        if (startExcluding is not null) { match["versionStartExcluding"] = startExcluding; }
        if (endIncluding is not null) { match["versionEndIncluding"] = endIncluding; }
        if (endExcluding is not null) { match["versionEndExcluding"] = endExcluding; }
        return match;
    }

    public static JsonObject Cve(string id, string lastModified, double? v31, double? v40, params JsonObject[] matches)
    {
        var metrics = new JsonObject();
        if (v31 is { } score31)
        {
            metrics["cvssMetricV31"] = new JsonArray(new JsonObject
            {
                ["source"] = "nvd@nist.gov", ["type"] = "Primary",
                ["cvssData"] = new JsonObject { ["version"] = "3.1", ["vectorString"] = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["baseScore"] = score31, ["baseSeverity"] = "CRITICAL" },
            });
        }

        if (v40 is { } score40)
        {
            metrics["cvssMetricV40"] = new JsonArray(new JsonObject
            {
                ["source"] = "nvd@nist.gov", ["type"] = "Primary",
                ["cvssData"] = new JsonObject { ["version"] = "4.0", ["vectorString"] = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N", ["baseScore"] = score40, ["baseSeverity"] = "MEDIUM" },
            });
        }

        return new JsonObject
        {
            ["cve"] = new JsonObject
            {
                ["id"] = id, ["sourceIdentifier"] = "cve@mitre.org", ["published"] = "2024-03-01T10:15:00.000", ["lastModified"] = lastModified,
                ["vulnStatus"] = "Analyzed",
                ["descriptions"] = new JsonArray(new JsonObject { ["lang"] = "en", ["value"] = $"Flaw {id}." }),
                ["metrics"] = metrics,
                ["configurations"] = new JsonArray(new JsonObject
                {
                    ["nodes"] = new JsonArray(new JsonObject { ["operator"] = "OR", ["negate"] = false, ["cpeMatch"] = new JsonArray([.. matches]) }),
                }),
            },
        };
    }

    public static byte[] Nvd(params JsonObject[] cves) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["resultsPerPage"] = cves.Length, ["startIndex"] = 0, ["totalResults"] = cves.Length, ["format"] = "NVD_CVE", ["version"] = "2.0",
        ["timestamp"] = "2024-06-01T00:00:00.000",
        ["vulnerabilities"] = new JsonArray([.. cves]),
    });
}
