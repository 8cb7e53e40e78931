#!/usr/bin/env python3
"""Writes the software bill of materials of the portal (ASVS 5.0 V15.1.2) as CycloneDX 1.5 JSON.

Components:
  * every NuGet package the restore resolved (obj/project.assets.json of each project: direct and transitive), with its
    scope: «required» when a project under src/ uses it (it ships in the portal), «excluded» when only tests or the
    benchmark tools do;
  * the front-end libraries vendored in src/SecurityPortal.Web/wwwroot/lib, their version read from the banner of their
    file (there is no npm install: the files are committed as they were published).

Usage (after `dotnet build`, which restores): scripts/sbom.py [OUT]   (default docs/security/sbom.cdx.json)
The output is sorted and carries no time stamp, so it changes only when a package does; SbomTests checks it is current.
"""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "security" / "sbom.cdx.json"
LIB = ROOT / "src" / "SecurityPortal.Web" / "wwwroot" / "lib"

# Vendored library: (npm name, file whose banner names the version, pattern of the version in that banner, licence).
VENDORED = [
    ("jquery", "jquery/jquery.min.js", r"jQuery v(\d+\.\d+\.\d+)", "MIT"),
    ("bootstrap", "bootstrap/js/bootstrap.bundle.min.js", r"Bootstrap v(\d+\.\d+\.\d+)", "MIT"),
    ("chart.js", "chart.js/chart.umd.min.js", r"Chart\.js v(\d+\.\d+\.\d+)", "MIT"),
    ("jquery-validation", "jquery-validation/jquery.validate.min.js", r"jQuery Validation Plugin - v(\d+\.\d+\.\d+)", "MIT"),
    ("jquery-validation-unobtrusive", "jquery-validation-unobtrusive/jquery.validate.unobtrusive.min.js", r"@version v(\d+\.\d+\.\d+)", "Apache-2.0"),
]


def nuget_components():
    packages = {}
    for assets in sorted(ROOT.glob("*/*/obj/project.assets.json")):
        shipped = assets.parent.parent.parent.name == "src"
        for key, library in json.loads(assets.read_text(encoding="utf-8"))["libraries"].items():
            if library.get("type") != "package":
                continue
            name, version = key.split("/", 1)
            entry = packages.setdefault((name, version), False)
            packages[(name, version)] = entry or shipped
    return [
        {
            "type": "library",
            "bom-ref": f"pkg:nuget/{name}@{version}",
            "name": name,
            "version": version,
            "purl": f"pkg:nuget/{name}@{version}",
            "scope": "required" if shipped else "excluded",
        }
        for (name, version), shipped in sorted(packages.items(), key=lambda p: (p[0][0].lower(), p[0][1]))
    ]


def vendored_components():
    components = []
    for name, file, pattern, licence in VENDORED:
        banner = (LIB / file).read_text(encoding="utf-8", errors="replace")[:2000]
        match = re.search(pattern, banner)
        if not match:
            sys.exit(f"sbom: no version found in the banner of wwwroot/lib/{file}")
        version = match.group(1)
        components.append({
            "type": "library",
            "bom-ref": f"pkg:npm/{name}@{version}",
            "name": name,
            "version": version,
            "purl": f"pkg:npm/{name}@{version}",
            "scope": "required",
            "licenses": [{"license": {"id": licence}}],
            "properties": [{"name": "securityportal:vendored-file", "value": f"src/SecurityPortal.Web/wwwroot/lib/{file}"}],
        })
    return components


if not list(ROOT.glob("src/*/obj/project.assets.json")):
    sys.exit("sbom: no obj/project.assets.json under src/: run dotnet build (or dotnet restore) first")

bom = {
    "bomFormat": "CycloneDX",
    "specVersion": "1.5",
    "version": 1,
    "metadata": {
        "component": {"type": "application", "bom-ref": "securityportal", "name": "SecurityPortal"},
    },
    "components": vendored_components() + nuget_components(),
}
OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps(bom, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"sbom: {len(bom['components'])} components in {OUT.relative_to(ROOT) if OUT.is_relative_to(ROOT) else OUT}")
