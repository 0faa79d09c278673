using EngagementHub.Core.Common;

namespace EngagementHub.Web.Components.Shared;

/// <summary>A restored draft: the form's model as it was left, and the submission key it was being filled in under.</summary>
public sealed record FormDraftContent<TModel>(TModel Model, SubmissionKey Key);
