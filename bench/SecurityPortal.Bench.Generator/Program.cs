using SecurityPortal.Bench.Generator;
using SecurityPortal.Web.Infrastructure;

// dotnet bench/SecurityPortal.Bench.Generator/bin/Release/net10.0/SecurityPortal.Bench.Generator.dll generate --scale 1|10 [--seed 42]:
// the portal's own services (database, seeder) with the settings of the portal (environment variables, appsettings of the
// working directory), then the generated province. See GenerateCommand and docs/performance.md.
var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args);
builder.AddPortalServices();
await using var app = builder.Build();
return await GenerateCommand.RunAsync(app, args);
