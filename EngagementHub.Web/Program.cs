using EngagementHub.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddEngagementHub();

var app = builder.Build();
await app.InitializeDatabaseAsync();
app.UseEngagementHub();
app.Run();

/// <summary>Entry point, public so the tests can host the app.</summary>
public partial class Program;
