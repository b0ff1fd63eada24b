namespace Inference.Engine;

/// <summary>
/// Lays out each step from the sequences' state and the step budget (docs/step-plan.md says why it works this way):
/// <list type="bullet">
/// <item>Prompt tokens go in arrival order: whole prompts up to <see cref="EngineOptions.PrefillTokensPerStep"/>, at least
/// one prompt; only a prompt larger than the step budget is split.</item>
/// <item>The last <see cref="EngineOptions.PrefillTailTokens"/> of the waiting prompt tokens are kept for one final step.</item>
/// <item>While more prompt tokens wait behind this step's, generating sequences sit the step out, up to
/// <see cref="EngineOptions.DecodeStallTokens"/> prompt tokens in a row.</item>
/// <item>In the step that prefills the last waiting prompt, sequences that have only their first token sit out once,
/// so requests that arrived close together start decoding together.</item>
/// </list>
/// Pure: no batch, no native call; the only state it keeps is how many prompt tokens were prefilled in a row while
/// decoding waited. Owner thread only.
/// </summary>
internal sealed class StepPlanner(EngineOptions options)
{
    private int _promptTokensWhileDecodeHeld;

    /// <summary>Prompt tokens prefilled in a row while generating sequences waited (the stall bound's count).</summary>
    public int PromptTokensWhileDecodeHeld => _promptTokensWhileDecodeHeld;

    /// <summary>Plans a step over the running sequences (in admission order); no prefill when <paramref name="allowPrefill"/> is false.</summary>
    public void Plan(IReadOnlyList<SequenceState> sequences, bool allowPrefill, StepPlan plan)
    {
        plan.Clear();
        var generating = 0;
        var waitingPromptTokens = 0;
        for (var i = 0; i < sequences.Count; i++)
        {
            var sequence = sequences[i];
            if (sequence.Phase == SequencePhase.Prefilling)
            {
                waitingPromptTokens += sequence.PrefillRemaining;
            }
            else
            {
                generating++;
            }
        }

        var prefill = allowPrefill ? PlanPrefill(sequences, options.StepTokenBudget - generating, waitingPromptTokens, plan) : 0;
        var burstContinues = prefill > 0 && prefill < waitingPromptTokens;
        var holdDecode = generating > 0 && burstContinues && _promptTokensWhileDecodeHeld + prefill <= options.DecodeStallTokens;
        var burstEnds = prefill > 0 && !burstContinues && options.DecodeStallTokens > 0;
        plan.PrefillTokens = prefill;
        plan.DecodeHeld = holdDecode;
        if (holdDecode)
        {
            return;
        }

        for (var i = 0; i < sequences.Count; i++)
        {
            var sequence = sequences[i];
            if (sequence.Phase == SequencePhase.Prefilling)
            {
                continue;
            }

            if (burstEnds && sequence.Phase == SequencePhase.AwaitingFirstDecode)
            {
                plan.SatOut.Add(sequence);
                continue;
            }

            plan.Decodes.Add(sequence);
        }
    }

    /// <summary>The step ran: counts its prompt tokens toward the stall bound when decoding waited, else starts over.</summary>
    public void Committed(StepPlan plan) =>
        _promptTokensWhileDecodeHeld = plan.DecodeHeld ? _promptTokensWhileDecodeHeld + plan.PrefillTokens : 0;

    /// <summary>The sequence to push out of the KV cache when it is full: the youngest by arrival, as vLLM does.</summary>
    public static SequenceState? ChoosePreemptionVictim(IReadOnlyList<SequenceState> running)
    {
        SequenceState? youngest = null;
        for (var i = 0; i < running.Count; i++)
        {
            if (youngest is null || running[i].Arrival > youngest.Arrival)
            {
                youngest = running[i];
            }
        }

        return youngest;
    }

    /// <summary>Chooses this step's prompt chunks; returns their tokens.</summary>
    private int PlanPrefill(IReadOnlyList<SequenceState> sequences, int budget, int waiting, StepPlan plan)
    {
        if (budget <= 0)
        {
            return 0;
        }

        var target = Math.Min(budget, options.PrefillTokensPerStep);
        var tail = options.EffectivePrefillTailTokens;
        if (tail > 0)
        {
            target = waiting <= tail ? Math.Min(budget, waiting) : Math.Min(target, waiting - tail);
        }

        var planned = 0;
        for (var i = 0; i < sequences.Count; i++)
        {
            var sequence = sequences[i];
            if (sequence.Phase != SequencePhase.Prefilling)
            {
                continue;
            }

            var remaining = sequence.PrefillRemaining;
            if (planned == 0)
            {
                // The oldest waiting prompt always goes, whole if the step can hold it.
                planned = Math.Min(remaining, budget);
                plan.Prefills.Add(new PrefillChunk(sequence, sequence.PrefillCursor, planned));
                continue;
            }

            if (planned + remaining > target)
            {
                break;
            }

            plan.Prefills.Add(new PrefillChunk(sequence, sequence.PrefillCursor, remaining));
            planned += remaining;
        }

        return planned;
    }
}
