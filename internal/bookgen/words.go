package bookgen

// vocabulary is the prose's word list: common English words and the
// technical terms of a programming book.
var vocabulary = []string{
	"the", "the", "the", "of", "of", "and", "and", "to", "to", "a", "a", "in", "in", "is", "is",
	"that", "for", "it", "as", "with", "be", "on", "this", "by", "are", "or", "an", "can", "we",
	"from", "not", "which", "when", "each", "its", "one", "all", "but", "if", "so", "more", "than",
	"program", "function", "value", "values", "type", "types", "memory", "pointer", "variable",
	"compiler", "runtime", "interface", "method", "package", "module", "error", "errors", "string",
	"slice", "array", "map", "channel", "goroutine", "thread", "process", "buffer", "stream", "file",
	"system", "kernel", "network", "socket", "request", "response", "server", "client", "protocol",
	"concurrency", "parallelism", "scheduler", "allocation", "garbage", "collector", "heap", "stack",
	"benchmark", "profile", "latency", "throughput", "cache", "index", "query", "database", "table",
	"record", "field", "struct", "loop", "iteration", "recursion", "closure", "callback", "event",
	"handler", "signal", "timeout", "deadline", "context", "cancellation", "lock", "mutex", "atomic",
	"operation", "instruction", "register", "byte", "integer", "float", "boundary", "overflow",
	"test", "tests", "coverage", "refactoring", "design", "pattern", "abstraction", "layer", "library",
	"dependency", "version", "release", "build", "binary", "linker", "symbol", "debugger", "trace",
	"simple", "small", "large", "fast", "slow", "careful", "correct", "careless", "explicit", "implicit",
	"usually", "often", "rarely", "always", "never", "however", "therefore", "instead", "because",
	"returns", "reads", "writes", "calls", "stores", "loads", "checks", "handles", "creates", "closes",
	"opens", "sends", "receives", "waits", "blocks", "runs", "starts", "stops", "grows", "shrinks",
	"programmer", "reader", "example", "chapter", "section", "exercise", "solution", "problem", "idea",
	"approach", "technique", "tradeoff", "cost", "benefit", "result", "output", "input", "format",
	"encoding", "decoding", "parser", "lexer", "token", "grammar", "syntax", "semantics", "expression",
	"statement", "declaration", "scope", "name", "identifier", "constant", "literal", "operator",
	"naïve", "café-style", "résumé", "façade", "well-known", "thread-safe", "zero-copy", "lock-free",
}

// identifiers are code names used in inline code, tables and listings.
var identifiers = []string{
	"ReadAll", "WriteString", "NewReader", "Marshal", "Unmarshal", "Open", "Close", "Flush",
	"parseHeader", "encodeBlock", "decodeFrame", "lookup", "insert", "remove", "resize", "hashKey",
	"serveHTTP", "handleConn", "dialTimeout", "newPool", "acquire", "release", "schedule", "yield",
	"strings.Builder", "bytes.Buffer", "sync.Mutex", "sync.WaitGroup", "context.Context", "io.Reader",
	"os.File", "bufio.Scanner", "atomic.Int64", "time.Duration", "errors.Join", "fmt.Sprintf",
}

// types are the Go types used in listings' signatures.
var types = []string{
	"[]byte", "string", "int", "int64", "error", "*Node", "map[string]int", "io.Reader", "[]string",
	"*bytes.Buffer", "chan struct{}", "func() error", "Config", "*Server", "time.Duration",
}
