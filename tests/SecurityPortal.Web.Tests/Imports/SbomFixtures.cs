using System.Text;

namespace SecurityPortal.Tests.Imports;

/// <summary>Small SBOM files written for these tests, following the CycloneDX 1.4–1.6 and SPDX 2.3 schemas.</summary>
internal static class SbomFixtures
{
    /// <summary>A CycloneDX JSON BOM; each component is (type, name, version, purl, cpe), nulls left out.</summary>
    public static byte[] CycloneDxJson(string specVersion, params (string Type, string Name, string? Version, string? Purl, string? Cpe)[] components)
    {
        var items = components.Select(c =>
        {
            var fields = new List<string> { $"\"type\": \"{c.Type}\"", $"\"name\": \"{c.Name}\"" };
            if (c.Version is not null)
            {
                fields.Add($"\"version\": \"{c.Version}\"");
            }

            if (c.Purl is not null)
            {
                fields.Add($"\"purl\": \"{c.Purl}\"");
            }

            if (c.Cpe is not null)
            {
                fields.Add($"\"cpe\": \"{c.Cpe.Replace("\\", "\\\\", StringComparison.Ordinal)}\"");
            }

            return "{ " + string.Join(", ", fields) + " }";
        });
        return Encoding.UTF8.GetBytes($$"""
            {
              "$schema": "http://cyclonedx.org/schema/bom-{{specVersion}}.schema.json",
              "bomFormat": "CycloneDX",
              "specVersion": "{{specVersion}}",
              "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
              "version": 1,
              "metadata": { "timestamp": "2026-12-07T10:00:00Z", "component": { "type": "application", "name": "cong-thong-tin", "version": "3.2.0" } },
              "components": [ {{string.Join(",\n    ", items)}} ]
            }
            """);
    }

    public static byte[] CycloneDxXml(string specVersion, string componentsXml) => Encoding.UTF8.GetBytes($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bom xmlns="http://cyclonedx.org/schema/bom/{specVersion}" serialNumber="urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79" version="1">
          <metadata><timestamp>2026-12-07T10:00:00Z</timestamp></metadata>
          <components>{componentsXml}</components>
        </bom>
        """);

    public static byte[] SpdxJson(string packagesJson) => Encoding.UTF8.GetBytes($$"""
        {
          "spdxVersion": "SPDX-2.3",
          "dataLicense": "CC0-1.0",
          "SPDXID": "SPDXRef-DOCUMENT",
          "name": "cong-thong-tin",
          "documentNamespace": "https://songlam.gov.vn/spdx/cong-thong-tin-3e671687",
          "creationInfo": { "created": "2026-12-07T10:00:00Z", "creators": ["Tool: tu-viet"] },
          "packages": [ {{packagesJson}} ]
        }
        """);
}
