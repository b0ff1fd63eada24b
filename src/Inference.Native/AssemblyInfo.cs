using System.Runtime.CompilerServices;

// Structs cross the boundary as raw memory: their layout is checked against llama.h by a test
// and by LlamaSelfCheck at startup, so the runtime marshaller must not reinterpret them.
[assembly: DisableRuntimeMarshalling]
[assembly: InternalsVisibleTo("Inference.Native.Tests")]
