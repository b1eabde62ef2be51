using Huella.Elections;
using Huella.Server.Central;

namespace Huella.Server.Portal;

/// <summary>Adds the public results portal to central: its options (<c>Huella:Portal</c>), central's own election and, when configured, the 2024 table.</summary>
internal static class PortalServices
{
    public static void AddPortal(this WebApplicationBuilder builder, TimeProvider time)
    {
        var section = builder.Configuration.GetSection("Huella:Portal");
        var options = section.Get<PortalOptions>() ?? new PortalOptions();
        if (options.Problem() is { } problem)
        {
            throw new CentralStartupException(problem + ".");
        }

        Ve2024Election? ve2024 = null;
        if (!string.IsNullOrWhiteSpace(options.Ve2024Csv))
        {
            try
            {
                ve2024 = Ve2024Election.Load(options.Ve2024Csv, time.GetUtcNow());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ElectionDataException)
            {
                throw new CentralStartupException($"Huella:Portal:Ve2024Csv: cannot read '{options.Ve2024Csv}': {e.Message}", innerException: e);
            }
        }

        builder.Services.Configure<PortalOptions>(section);
        builder.Services.AddSingleton<LiveElection>();
        builder.Services.AddSingleton(services => new PortalSites(services.GetRequiredService<LiveElection>(), ve2024));
    }
}
