namespace Inference.ToolCalling;

/// <summary>Recognizes a family by the tool syntax its chat template writes, most specific markers first.</summary>
internal static class TemplateDetection
{
    public static ToolCallFormat Detect(string template)
    {
        bool Has(string marker) => template.Contains(marker, StringComparison.Ordinal);

        if (Has("<|channel|>") && Has("<|message|>"))
        {
            return ToolCallFormat.GptOss;
        }
        if (Has("<arg_key>"))
        {
            return ToolCallFormat.Glm;
        }
        if (Has("tool▁calls▁begin") || Has("tool▁call▁begin"))
        {
            return Has("```json") ? ToolCallFormat.DeepSeekR1 : ToolCallFormat.DeepSeekV3;
        }
        if (Has("[TOOL_CALLS]"))
        {
            return !Has("[ARGS]") ? ToolCallFormat.MistralNemo
                : Has("[THINK]") ? ToolCallFormat.MistralWithThinking
                : ToolCallFormat.Mistral;
        }
        if (Has("<|START_ACTION|>"))
        {
            return ToolCallFormat.CommandR7B;
        }
        if (Has("Action:") && Has("tool_name"))
        {
            return ToolCallFormat.CommandRPlus;
        }
        if (Has("<|start_header_id|>") && Has(">>>"))
        {
            return ToolCallFormat.FunctionaryV32;
        }
        if (Has("<|start_header_id|>") && Has("<function="))
        {
            return ToolCallFormat.FunctionaryV31;
        }
        if (Has("<tool_call>"))
        {
            return Has("<think>") ? ToolCallFormat.HermesWithThinking : ToolCallFormat.Hermes;
        }
        if (Has("<|start_header_id|>") && Has("ipython"))
        {
            return ToolCallFormat.Llama3;
        }
        return ToolCallFormat.Generic;
    }
}
