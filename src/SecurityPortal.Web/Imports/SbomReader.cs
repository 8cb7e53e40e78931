using System.Text.Json;
using System.Xml.Linq;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Registry;

namespace SecurityPortal.Web.Imports;

/// <summary>One software component an SBOM lists, as the portal would register it, with where it is in the file.</summary>
public sealed record SbomComponent(string Location, ComponentKind Kind, string Product, string? Vendor, string? Version, string? Purl, string? Cpe);

/// <summary>A problem of an SBOM file: where (a JSON path such as <c>$.components[3].purl</c>, or an XML element path) and what.</summary>
public sealed record SbomIssue(string Location, string Message);

/// <summary>What an SBOM file holds: its format, its components, and every problem found.</summary>
public sealed class SbomDocument
{
    public string Format { get; set; } = string.Empty;
    public List<SbomComponent> Components { get; } = [];
    public List<SbomIssue> Issues { get; } = [];
}

/// <summary>
/// Reads CycloneDX 1.4–1.6 (JSON and XML) and SPDX 2.3 (JSON) software bills of materials into the portal's
/// component terms. Bounded against crafted files: the size is checked before (<see cref="MaxBytes"/>), nesting
/// stops at <see cref="MaxDepth"/>, reading stops after <see cref="SoftwareComponents.MaxPerSystem"/> components, and
/// XML is read with DTDs prohibited and no resolver (no external entity, no entity expansion).
/// </summary>
public static class SbomReader
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxDepth = 32;
    private const int MaxIssues = 200;
    private const string LimitLocation = "(giới hạn)";

    private static readonly string[] CycloneDxVersions = ["1.4", "1.5", "1.6"];

    public static SbomDocument Read(byte[] content)
    {
        var document = new SbomDocument();
        if (content.Length > MaxBytes)
        {
            document.Issues.Add(new("(tệp)", $"Tệp quá lớn ({content.Length / 1024} KB); tối đa {MaxBytes / 1024 / 1024} MB."));
            return document;
        }

        var (text, first) = SafeDocuments.Trim(content);
        switch (first)
        {
            case (byte)'{':
                ReadJson(text, document);
                break;
            case (byte)'<':
                ReadXml(text, document);
                break;
            default:
                document.Issues.Add(new("(tệp)", "Tệp không phải SBOM dạng JSON hoặc XML. Cổng nhận CycloneDX 1.4–1.6 (JSON, XML) và SPDX 2.3 (JSON)."));
                break;
        }

        if (document.Issues.Count > MaxIssues)
        {
            document.Issues.RemoveRange(MaxIssues, document.Issues.Count - MaxIssues);
            document.Issues.Add(new("(tệp)", $"Còn nhiều lỗi khác; chỉ hiện {MaxIssues} lỗi đầu."));
        }

        return document;
    }

    private static void ReadJson(byte[] content, SbomDocument document)
    {
        if (SafeDocuments.ParseJson(content, MaxDepth, (where, message) => document.Issues.Add(new(where, message))) is not { } json)
        {
            return;
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                document.Issues.Add(new("$", "Tệp JSON phải là một đối tượng SBOM."));
                return;
            }

            if (Text(root, "bomFormat") == "CycloneDX")
            {
                var version = Text(root, "specVersion");
                document.Format = $"CycloneDX {version} JSON";
                if (!CycloneDxVersions.Contains(version))
                {
                    document.Issues.Add(new("$.specVersion", $"Phiên bản CycloneDX «{version}» chưa được hỗ trợ; cổng nhận 1.4, 1.5, 1.6."));
                    return;
                }

                if (root.TryGetProperty("components", out var components))
                {
                    CycloneDxJson(components, "$.components", document);
                }
            }
            else if (root.TryGetProperty("spdxVersion", out _))
            {
                var version = Text(root, "spdxVersion");
                document.Format = $"{version} JSON";
                if (version != "SPDX-2.3")
                {
                    document.Issues.Add(new("$.spdxVersion", $"Phiên bản «{version}» chưa được hỗ trợ; cổng nhận SPDX-2.3."));
                    return;
                }

                SpdxJson(root, document);
            }
            else
            {
                document.Issues.Add(new("$", "Tệp JSON không phải SBOM CycloneDX (thiếu «bomFormat»: «CycloneDX») hay SPDX (thiếu «spdxVersion»)."));
            }
        }
    }

    private static void CycloneDxJson(JsonElement components, string path, SbomDocument document)
    {
        if (components.ValueKind != JsonValueKind.Array)
        {
            document.Issues.Add(new(path, "«components» phải là một mảng."));
            return;
        }

        var index = 0;
        foreach (var item in components.EnumerateArray())
        {
            var at = $"{path}[{index++}]";
            if (TooMany(document, at))
            {
                return;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                document.Issues.Add(new(at, "Mỗi thành phần phải là một đối tượng."));
                continue;
            }

            var vendor = item.TryGetProperty("supplier", out var supplier) && supplier.ValueKind == JsonValueKind.Object ? Text(supplier, "name") : null;
            vendor ??= Text(item, "publisher") ?? Text(item, "author") ?? Text(item, "group");
            Add(document, at, ".", CycloneDxKind(Text(item, "type")), Text(item, "name"), vendor, Text(item, "version"), Text(item, "purl"), Text(item, "cpe"));
            if (item.TryGetProperty("components", out var nested))
            {
                CycloneDxJson(nested, at + ".components", document);
            }
        }
    }

    private static void SpdxJson(JsonElement root, SbomDocument document)
    {
        if (!root.TryGetProperty("packages", out var packages))
        {
            return;
        }

        if (packages.ValueKind != JsonValueKind.Array)
        {
            document.Issues.Add(new("$.packages", "«packages» phải là một mảng."));
            return;
        }

        var index = 0;
        foreach (var package in packages.EnumerateArray())
        {
            var at = $"$.packages[{index++}]";
            if (TooMany(document, at))
            {
                return;
            }

            if (package.ValueKind != JsonValueKind.Object)
            {
                document.Issues.Add(new(at, "Mỗi gói phải là một đối tượng."));
                continue;
            }

            string? purl = null, cpe = null;
            if (package.TryGetProperty("externalRefs", out var refs) && refs.ValueKind == JsonValueKind.Array)
            {
                foreach (var reference in refs.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object))
                {
                    var type = Text(reference, "referenceType");
                    if (type == "purl")
                    {
                        purl ??= Text(reference, "referenceLocator");
                    }
                    else if (type == "cpe23Type")
                    {
                        cpe ??= Text(reference, "referenceLocator");
                    }
                }
            }

            var supplier = Text(package, "supplier");
            var vendor = supplier is null or "NOASSERTION" ? null : supplier.Split(':', 2) is [var _, var name] ? name.Trim() : supplier;
            var version = Text(package, "versionInfo");
            Add(document, at, ".", SpdxKind(Text(package, "primaryPackagePurpose")), Text(package, "name"), vendor, version is "NOASSERTION" ? null : version, purl, cpe);
        }
    }

    private static void ReadXml(byte[] content, SbomDocument document)
    {
        if (SafeDocuments.LoadXml(content, MaxDepth, MaxBytes, (where, message) => document.Issues.Add(new(where, message))) is not { } xml)
        {
            return;
        }

        var root = xml.Root!;
        var ns = root.Name.Namespace.NamespaceName;
        const string prefix = "http://cyclonedx.org/schema/bom/";
        var version = ns.StartsWith(prefix, StringComparison.Ordinal) ? ns[prefix.Length..] : null;
        if (root.Name.LocalName != "bom" || version is null)
        {
            document.Issues.Add(new($"/{root.Name.LocalName}", "Tệp XML không phải SBOM CycloneDX (phần tử gốc «bom» trong không gian tên http://cyclonedx.org/schema/bom/…)."));
            return;
        }

        document.Format = $"CycloneDX {version} XML";
        if (!CycloneDxVersions.Contains(version))
        {
            document.Issues.Add(new("/bom", $"Phiên bản CycloneDX «{version}» chưa được hỗ trợ; cổng nhận 1.4, 1.5, 1.6."));
            return;
        }

        if (root.Element(root.Name.Namespace + "components") is { } components)
        {
            CycloneDxXml(components, "/bom/components", document);
        }
    }

    private static void CycloneDxXml(XElement components, string path, SbomDocument document)
    {
        var ns = components.Name.Namespace;
        var index = 0;
        foreach (var item in components.Elements(ns + "component"))
        {
            var at = $"{path}/component[{++index}]";
            if (TooMany(document, at))
            {
                return;
            }

            string? Child(XName name) => item.Element(name) is { } e && !string.IsNullOrWhiteSpace(e.Value) ? e.Value.Trim() : null;
            var vendor = item.Element(ns + "supplier")?.Element(ns + "name") is { } s && !string.IsNullOrWhiteSpace(s.Value) ? s.Value.Trim() : null;
            vendor ??= Child(ns + "publisher") ?? Child(ns + "author") ?? Child(ns + "group");
            Add(document, at, "/", CycloneDxKind((string?)item.Attribute("type")), Child(ns + "name"), vendor, Child(ns + "version"), Child(ns + "purl"), Child(ns + "cpe"));
            if (item.Element(ns + "components") is { } nested)
            {
                CycloneDxXml(nested, at + "/components", document);
            }
        }
    }

    /// <summary>Checks one component's fields against the registry's rules and the identifier specifications.</summary>
    private static void Add(SbomDocument document, string at, string separator, ComponentKind? kind, string? name, string? vendor, string? version, string? purl, string? cpe)
    {
        var before = document.Issues.Count;
        if (kind is null)
        {
            document.Issues.Add(new($"{at}{separator}type", "Thiếu loại thành phần (type) hoặc loại không hợp lệ."));
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            document.Issues.Add(new($"{at}{separator}name", "Thiếu tên thành phần."));
        }
        else if (name.Length > SoftwareComponent.ProductMaxLength)
        {
            document.Issues.Add(new($"{at}{separator}name", $"Tên thành phần dài quá {SoftwareComponent.ProductMaxLength} ký tự."));
        }

        if (version?.Length > SoftwareComponent.VersionMaxLength)
        {
            document.Issues.Add(new($"{at}{separator}version", $"Phiên bản dài quá {SoftwareComponent.VersionMaxLength} ký tự."));
        }

        var cleanVendor = vendor is null ? null : vendor.Length > SoftwareComponent.VendorMaxLength ? vendor[..SoftwareComponent.VendorMaxLength] : vendor;
        string? canonicalPurl = null, canonicalCpe = null;
        if (purl is not null)
        {
            if (PackageUrl.TryParse(purl, out var parsed, out var error))
            {
                canonicalPurl = parsed.ToString();
            }
            else
            {
                document.Issues.Add(new($"{at}{separator}purl", error));
            }
        }

        if (cpe is not null)
        {
            if (CpeName.TryParse(cpe, out var parsed, out var error))
            {
                canonicalCpe = parsed.ToString();
            }
            else
            {
                document.Issues.Add(new($"{at}{separator}cpe", error));
            }
        }

        if (document.Issues.Count == before)
        {
            document.Components.Add(new(at, kind!.Value, name!.Trim(), cleanVendor, version, canonicalPurl, canonicalCpe));
        }
    }

    private static bool TooMany(SbomDocument document, string at)
    {
        if (document.Components.Count <= SoftwareComponents.MaxPerSystem)
        {
            return false;
        }

        if (!document.Issues.Any(i => i.Location == LimitLocation))
        {
            document.Issues.Add(new(LimitLocation, $"Tệp có hơn {SoftwareComponents.MaxPerSystem} thành phần (đến {at}); một hệ thống giữ tối đa {SoftwareComponents.MaxPerSystem}. Tách SBOM theo hệ thống hoặc bỏ các thành phần phụ thuộc gián tiếp."));
        }

        return true;
    }

    private static ComponentKind? CycloneDxKind(string? type) => type switch
    {
        "library" => ComponentKind.Library,
        "framework" => ComponentKind.Framework,
        "operating-system" => ComponentKind.OperatingSystem,
        "firmware" or "device" => ComponentKind.ApplianceFirmware,
        "application" or "container" or "platform" or "file" or "machine-learning-model" or "data" or "device-driver" or "cryptographic-asset" => ComponentKind.Other,
        _ => null,
    };

    private static ComponentKind SpdxKind(string? purpose) => purpose switch
    {
        "LIBRARY" => ComponentKind.Library,
        "FRAMEWORK" => ComponentKind.Framework,
        "OPERATING-SYSTEM" => ComponentKind.OperatingSystem,
        "FIRMWARE" or "DEVICE" => ComponentKind.ApplianceFirmware,
        _ => ComponentKind.Other,
    };

    private static string? Text(JsonElement element, string name) => SafeDocuments.Text(element, name);
}
