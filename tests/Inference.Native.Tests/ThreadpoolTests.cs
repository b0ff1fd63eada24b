using Inference.Testing;

namespace Inference.Native.Tests;

public class ThreadpoolTests(TinyModelFixture fixture) : IClassFixture<TinyModelFixture>
{
    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    public void A_context_on_a_persistent_threadpool_decodes_exactly_as_on_per_decode_threads(int polling)
    {
        int[] expected;
        using (var context = fixture.NewContext())
        {
            expected = DecodeTests.GreedyDecode(fixture.Model, context, "Hello, world! This is a test", 24);
        }

        int[] actual;
        using (var context = fixture.NewContext())
        {
            using (var threadpool = LlamaThreadpool.Create(TestModels.Threads, polling))
            {
                context.AttachThreadpool(threadpool);
            }

            // The pool was disposed by its creator: the context's reference keeps it running.
            actual = DecodeTests.GreedyDecode(fixture.Model, context, "Hello, world! This is a test", 24);
        }

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 101)]
    [InlineData(2, -1)]
    public void Out_of_range_threadpool_settings_are_refused(int threads, int polling) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LlamaThreadpool.Create(threads, polling));
}
