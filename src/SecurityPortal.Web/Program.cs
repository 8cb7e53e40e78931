using SecurityPortal.Web.Api;
using SecurityPortal.Web.Infrastructure;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateBootstrapLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPortalServices();
    var app = builder.Build();

    if (AdminCommand.IsRequested(args))
    {
        return await AdminCommand.RunAsync(app, args);
    }

    app.UsePortalPipeline();
    app.MapPortalApi();
    await app.RunAsync();
    return 0;
}
catch (PortalConfigurationException ex)
{
    // A wrong setting is the operator's to fix: say what is wrong, without a stack trace.
    Log.Fatal("Không thể khởi động SecurityPortal: {Reason}", ex.Message);
    return 2;
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    // A setting out of its range (the data annotations of the Options classes), found when the host starts.
    Log.Fatal("Không thể khởi động SecurityPortal: {Reason}", string.Join(" ", ex.Failures.Select(SecurityPortal.Web.Options.OptionsRegistration.Readable)));
    return 2;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "SecurityPortal stopped unexpectedly");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Exposed so the test host can start the real application.</summary>
public partial class Program;
