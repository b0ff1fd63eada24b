namespace Inference.Engine;

/// <summary>Work to run on the owner thread between steps (see <see cref="InferenceEngine.InspectAsync{T}"/>).</summary>
internal sealed class OwnerProbe(Func<object?> probe)
{
    public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Run()
    {
        try
        {
            Completion.SetResult(probe());
        }
        catch (Exception ex)
        {
            Completion.SetException(ex);
        }
    }
}
