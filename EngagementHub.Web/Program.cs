using EngagementHub.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddEngagementHub();

var app = builder.Build();
if (!await app.InitializeDatabaseAsync())
{
    // Disposing the host writes out the log line that says why before the process ends.
    await app.DisposeAsync();
    return 1;
}

app.UseEngagementHub();
app.Run();
return 0;

/// <summary>Entry point, public so the tests can host the app.</summary>
public partial class Program;
