using Microsoft.AspNetCore.Http.Metadata;

namespace EngagementHub.Web.Hosting;

/// <summary>
/// Marks a page that answers an error status (404, 403) with its own message: the app's status-code pages leave its
/// response alone instead of re-running the request as "/not-found".
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class SkipStatusCodePagesAttribute : Attribute, ISkipStatusCodePagesMetadata;
