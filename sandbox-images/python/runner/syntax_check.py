"""Compiles, never runs, each Python file named on the command line; prints one JSON line per file
with a syntax error: {"file", "line", "message"}. Run as the student (hostile source may still
exhaust the compiler), with the submission's paths relative to the current directory."""
import json
import sys


def main():
    for name in sys.argv[1:]:
        try:
            with open(name, "rb") as f:
                source = f.read()
            compile(source, name, "exec", dont_inherit=True)
        except SyntaxError as exc:  # IndentationError and TabError are SyntaxErrors too
            problem = {"file": name, "message": "%s: %s" % (type(exc).__name__, exc.msg)}
            if exc.lineno:
                problem["line"] = exc.lineno
            print(json.dumps(problem))
        except (ValueError, RecursionError, MemoryError) as exc:  # a NUL byte, nesting too deep
            print(json.dumps({"file": name, "message": "%s: %s" % (type(exc).__name__, exc)}))


if __name__ == "__main__":
    main()
