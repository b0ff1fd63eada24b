namespace Inference.Agent.Approvals;

/// <summary>A person's answer to "apply? [y/N]": no (the default), yes, or yes to every write for the rest of the session.</summary>
public enum ApprovalAnswer { No, Yes, YesForSession }
