use super::{highlight, highlight_or_escape, is_supported};

/// Splits highlighted HTML into `(class, text)` pieces with the text unescaped; plain text has
/// the class `""`. Fails on anything `highlight` must never produce: nested, unclosed or empty
/// spans, unescaped special characters, unknown entities.
fn pieces(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let (mut rest, mut class, mut text) = (html, None::<String>, String::new());
    while let Some(ch) = rest.chars().next() {
        if let Some(tag) = rest.strip_prefix("<span class=\"hl-") {
            assert!(class.is_none(), "nested span in {html:?}");
            let end = tag.find("\">").expect("span tag is closed");
            if !text.is_empty() {
                out.push((String::new(), std::mem::take(&mut text)));
            }
            class = Some(tag[..end].to_string());
            rest = &tag[end + 2..];
        } else if let Some(after) = rest.strip_prefix("</span>") {
            let class = class.take().expect("</span> closes an open span");
            assert!(!text.is_empty(), "empty {class} span in {html:?}");
            out.push((class, std::mem::take(&mut text)));
            rest = after;
        } else if ch == '&' {
            let entities = [
                ("&amp;", '&'),
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
                ("&#39;", '\''),
            ];
            let (entity, ch) = entities
                .iter()
                .find(|(e, _)| rest.starts_with(e))
                .expect("a known entity");
            text.push(*ch);
            rest = &rest[entity.len()..];
        } else {
            assert!(
                !matches!(ch, '<' | '>' | '"' | '\''),
                "unescaped {ch:?} in {html:?}"
            );
            text.push(ch);
            rest = &rest[ch.len_utf8()..];
        }
    }
    assert!(class.is_none(), "unclosed span in {html:?}");
    if !text.is_empty() {
        out.push((String::new(), text));
    }
    out
}

/// Highlights `code`, checks that the text of the output is exactly `code`, returns the pieces.
fn round_trip(lang: &str, code: &str) -> Vec<(String, String)> {
    let html = highlight(lang, code).expect("language is supported");
    let pieces = pieces(&html);
    let text: String = pieces.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(text, code, "{lang}: output text differs from the input");
    pieces
}

/// Checks that each `(class, text)` appears as a whole span.
fn assert_spans(lang: &str, code: &str, expected: &[(&str, &str)]) {
    let pieces = round_trip(lang, code);
    for (class, text) in expected {
        let found = pieces.iter().any(|(c, t)| c == class && t == text);
        assert!(found, "{lang}: no hl-{class} span {text:?} in {pieces:#?}");
    }
}

/// Checks that `text` is never inside a span of `class`.
fn assert_not_span(lang: &str, code: &str, class: &str, text: &str) {
    let pieces = round_trip(lang, code);
    let found = pieces.iter().any(|(c, t)| c == class && t.contains(text));
    assert!(
        !found,
        "{lang}: {text:?} should not be in an hl-{class} span: {pieces:#?}"
    );
}

const LANGS: &[&str] = &[
    "yaml",
    "json",
    "bash",
    "dockerfile",
    "python",
    "typescript",
    "toml",
];

const BUILDSPEC: &str = r#"version: 0.2

env:
  variables:
    IMAGE_REPO_NAME: "devops-lab"
  parameter-store:
    DB_PASSWORD: /lab/db/password

phases:
  install:
    runtime-versions:
      nodejs: 20
  pre_build:
    commands:
      - echo Logging in to Amazon ECR...
      - aws ecr get-login-password --region $AWS_DEFAULT_REGION | docker login --username AWS --password-stdin $ECR_URI
      - IMAGE_TAG=$(echo $CODEBUILD_RESOLVED_SOURCE_VERSION | cut -c 1-7)
  build:
    commands:
      - |
        docker build -t $ECR_URI:latest .
        docker tag $ECR_URI:latest $ECR_URI:$IMAGE_TAG

      - echo "Build finished on `date`"   # always printed
artifacts:
  files:
    - imagedefinitions.json
  discard-paths: yes
cache:
  paths:
    - '/root/.npm/**/*'
"#;

const CLOUDFORMATION: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Description: >-
  Lab bucket & queue <with> "quotes"
  and a second line
Parameters:
  Env:
    Type: String
    AllowedValues: [dev, prod]
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    Properties:
      BucketName: !Sub "${AWS::StackName}-${Env}-artifacts"
      Tags: &tags
        - Key: team
          Value: devops
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 300
      FifoQueue: false
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt DeadLetter.Arn
        maxReceiveCount: 5
      Tags: *tags
Outputs:
  BucketArn:
    Value: !GetAtt [Bucket, Arn]
    Export:
      Name: !Sub '${AWS::StackName}-BucketArn'
"#;

const TASK_DEFINITION: &str = r#"{
  "family": "lab-web",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "256",
  "memory": "512",
  "containerDefinitions": [
    {
      "name": "web",
      "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/lab-web:latest",
      "essential": true,
      "portMappings": [{ "containerPort": 8080, "protocol": "tcp" }],
      "environment": [{ "name": "GREETING", "value": "say \"hi\" <b>" }],
      "healthCheck": { "retries": 3, "interval": 30, "startPeriod": null, "ratio": -1.5e3 },
      "logConfiguration": {
        "logDriver": "awslogs",
        "options": { "awslogs-group": "/ecs/lab-web", "awslogs-stream-prefix": "ecs" }
      }
    }
  ]
}
"#;

const DOCKERFILE: &str = r#"# syntax=docker/dockerfile:1
FROM --platform=$BUILDPLATFORM node:20-alpine AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci \
    # comments inside a continuation are skipped
    && npm cache clean --force
COPY . .
ARG VERSION=dev
ENV NODE_ENV=production PORT=8080
RUN echo "building ${VERSION}" && \
    npm run build

from nginx:1.27-alpine as runtime
COPY --from=build /app/dist /usr/share/nginx/html
EXPOSE 8080
HEALTHCHECK CMD wget -qO- http://localhost:8080/ || exit 1
USER nginx
CMD ["nginx", "-g", "daemon off;"]
"#;

const BASH: &str = r#"#!/usr/bin/env bash
set -euo pipefail

# Deploy the stack, then print its outputs.
STACK="lab-${ENV:-dev}"
REGION=eu-west-1 aws cloudformation deploy \
  --stack-name "$STACK" --template-file template.yml \
  --capabilities CAPABILITY_IAM 2>&1 | tee deploy.log

if [ "$?" -ne 0 ]; then
  echo 'deploy failed' >&2
  exit 1
fi

for id in $(aws ec2 describe-instances --query 'Reservations[].Instances[].InstanceId' --output text); do
  echo "instance: $id" # one per line
done

cat <<'EOF' > policy.json
{ "Version": "2012-10-17", "note": "$NOT_EXPANDED" }
EOF
kubectl apply -f deploy.yaml && git push origin main
function cleanup() { docker system prune -f; }
echo issue#42 $1 $@
"#;

const PYTHON_CDK: &str = r#"from aws_cdk import App, Stack, Duration
from aws_cdk import aws_s3 as s3
from constructs import Construct


class LabStack(Stack):
    """A bucket that expires old objects.

    It's used by the lab exercises."""

    def __init__(self, scope: Construct, id: str, **kwargs) -> None:
        super().__init__(scope, id, **kwargs)
        # Keep artifacts for 30 days.
        self.bucket = s3.Bucket(
            self, "Artifacts",
            versioned=True,
            lifecycle_rules=[s3.LifecycleRule(expiration=Duration.days(30))],
        )
        print(f"bucket {self.bucket.bucket_name!r}", rb'\d+', 0x1F, 1_000.5)


app = App()
LabStack(app, "LabStack", env=None)
app.synth()
"#;

const TYPESCRIPT_CDK: &str = r#"import * as cdk from 'aws-cdk-lib';
import { Construct } from "constructs";
import * as ecs from 'aws-cdk-lib/aws-ecs';

/** Props for the web service. */
export interface WebProps extends cdk.StackProps {
  readonly desiredCount?: number;
}

export class WebStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: WebProps = {}) {
    super(scope, id, props);
    // One Fargate task unless told otherwise.
    const count = props.desiredCount ?? 1;
    const cluster = new ecs.Cluster(this, 'Cluster', { containerInsights: true });
    new cdk.CfnOutput(this, 'ClusterName', { value: `${cluster.clusterName}-${count}` });
    if (count > 10 && count < 0x20) { throw new Error("too many <tasks>"); }
  }
}

function main(): void {
  const app = new cdk.App();
  new WebStack(app, 'WebStack', { desiredCount: undefined });
}
"#;

const CARGO_TOML: &str = r#"[workspace]
resolver = "2"
members = [
  "core",
  "server", # the binary
]

[workspace.package]
version = "0.1.0"
edition = '2024'
rust-version = "1.95"

[workspace.dependencies]
serde = { version = "1", features = ["derive"] }
"quoted.key" = 1_000
float = -3.5e2
date = 1979-05-27T07:32:00Z
enabled = true
description = """
Multi-line "basic" string
"""

[[bin]]
name = "lab"
path = 'src/main.rs'
"#;

/// Strings that have broken naive lexers: unterminated constructs, lone backslashes, markup,
/// multi-byte characters split by tokens, CRLF, empty input.
const ADVERSARIAL: &[&str] = &[
    "",
    "\\",
    "\"",
    "'",
    "`",
    "\"unterminated \\",
    "'''never closed",
    "/* open comment",
    "<script>alert('x') & \"y\"</script>",
    "key: \"é\\",
    "ключ: значение # коммент\n- 日本語: '🦀'\n",
    "a\r\nb: c\r\n  - d\r\n#x\r\n",
    "RUN echo \\\r\n  hi\r\n",
    "cat <<EOF\nbody\n",
    "cat <<-'END'\n\tx\n\tEND\nafter",
    "$ ${ ${x ${y} $( $((1<<2)) \\$",
    "- |\n  a\n\n b\n- >+2\n",
    "[[a]\n[b\n{ x = [1, {y = 2\n",
    "!Ref\n&\n*\n!\n---\n...\n- - -\n? x\n: y\n",
    "{\"a\":}\"b\"\n:[tru, nul, -, 1e, 0x]",
    "def\nclass\nfunction\ninterface ",
    "f'\\é' rb\"\\\nx\" u'",
    "é\\\u{301}\"\u{0}",
];

fn all_samples() -> Vec<(&'static str, &'static str)> {
    let mut samples = vec![
        ("yaml", BUILDSPEC),
        ("yml", CLOUDFORMATION),
        ("json", TASK_DEFINITION),
        ("dockerfile", DOCKERFILE),
        ("bash", BASH),
        ("python", PYTHON_CDK),
        ("ts", TYPESCRIPT_CDK),
        ("toml", CARGO_TOML),
    ];
    // Every sample through every lexer: a lexer must survive the others' syntax too.
    let all = [
        BUILDSPEC,
        CLOUDFORMATION,
        TASK_DEFINITION,
        DOCKERFILE,
        BASH,
        PYTHON_CDK,
        TYPESCRIPT_CDK,
        CARGO_TOML,
    ];
    for lang in LANGS {
        samples.extend(all.iter().chain(ADVERSARIAL).map(|code| (*lang, *code)));
    }
    samples
}

#[test]
fn every_sample_round_trips_in_every_language() {
    for (lang, code) in all_samples() {
        round_trip(lang, code);
        round_trip(lang, &code.replace('\n', "\r\n"));
    }
}

#[test]
fn adversarial_strings_round_trip_even_when_cut_anywhere() {
    for lang in LANGS {
        for code in ADVERSARIAL {
            for (cut, _) in code.char_indices() {
                round_trip(lang, &code[..cut]);
                round_trip(lang, &code[cut..]);
            }
        }
    }
}

#[test]
fn random_inputs_never_panic_and_always_round_trip() {
    const ALPHABET: &[&str] = &[
        "\"", "'", "`", "\\", "\n", "\r\n", "\r", " ", "\t", "#", ":", "-", "|", ">", "<", "&",
        "!", "*", "$", "{", "}", "[", "]", "(", ")", "=", ",", ".", "/", "a", "Z", "_", "0", "7",
        "e", "if", "in", "RUN", "AS", "def", "class", "true", "no", "<<EOF", "EOF", "\"\"\"",
        "'''", "${", "- ", "key: ", "!Ref ", "\\\n", "//", "/*", "*/", "é", "日本", "🦀", "\u{0}",
        "\u{301}",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for case in 0..2000 {
        let len = (next() % 80) as usize;
        let code: String = (0..len)
            .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
            .collect();
        round_trip(LANGS[case % LANGS.len()], &code);
    }
}

#[test]
fn huge_and_repetitive_inputs_are_handled() {
    // A quadratic lexer would take minutes here; a linear one takes milliseconds.
    let patterns = [
        "\"",
        "${",
        "- |\n",
        "<<EOF ",
        "a: b\n",
        "\\",
        "'''",
        "[",
        "{\"k\": [",
        "RUN x \\\n",
        "/*",
    ];
    for lang in LANGS {
        for pattern in patterns {
            round_trip(lang, &pattern.repeat(100_000 / pattern.len()));
        }
    }
}

#[test]
fn special_characters_are_always_escaped() {
    let html = highlight("yaml", "a: \"<b>&'\" # <i>\n<c>: x & y").expect("yaml is supported");
    assert!(!html.contains("<b>") && !html.contains("<i>") && !html.contains("<c>"));
    assert!(html.contains("&lt;b&gt;&amp;&#39;") && html.contains("x &amp; y"));
}

#[test]
fn aliases_are_case_insensitive_and_plain_text_is_not_highlighted() {
    for lang in [
        "yaml",
        "YML",
        "json",
        "Bash",
        "sh",
        "shell",
        "console",
        "zsh",
        "Dockerfile",
        "docker",
        "python",
        "py",
        "TypeScript",
    ] {
        assert!(is_supported(lang), "{lang}");
    }
    for lang in ["ts", "javascript", "JS", "toml"] {
        assert!(is_supported(lang), "{lang}");
    }
    for lang in ["text", "plaintext", "", "rust", "yamlx"] {
        assert!(!is_supported(lang), "{lang}");
        assert_eq!(highlight(lang, "x <y>"), None);
    }
}

#[test]
fn yaml_keys_and_cloudformation_tags_are_marked() {
    assert_spans(
        "yaml",
        CLOUDFORMATION,
        &[
            ("key", "AWSTemplateFormatVersion"),
            ("string", "\"2010-09-09\""),
            ("key", "BucketName"),
            ("tag", "!Sub"),
            ("string", "\"${AWS::StackName}-${Env}-artifacts\""),
            ("tag", "!Ref"),
            ("tag", "!Equals"),
            ("tag", "!GetAtt"),
            ("tag", "&tags"),
            ("tag", "*tags"),
            ("key", "Key"),
            ("string", "'${AWS::StackName}-BucketArn'"),
        ],
    );
    assert_not_span("yaml", CLOUDFORMATION, "key", "AWS::S3::Bucket");
}

#[test]
fn yaml_literals_numbers_comments_and_flow_collections_are_marked() {
    assert_spans(
        "yaml",
        BUILDSPEC,
        &[
            ("number", "0.2"),
            ("number", "20"),
            ("literal", "yes"),
            ("comment", "# always printed"),
            ("operator", "-"),
        ],
    );
    assert_spans(
        "yaml",
        "a: {b: 1, \"c\": null, d: [x, true]}",
        &[
            ("key", "b"),
            ("key", "\"c\""),
            ("literal", "null"),
            ("literal", "true"),
        ],
    );
    assert_spans(
        "yaml",
        "url: http://x.io/a#b # c",
        &[("key", "url"), ("comment", "# c")],
    );
    assert_not_span("yaml", "- echo it's 1:2", "string", "'");
    // CRLF line ends stay out of the tokens.
    assert_spans(
        "yaml",
        "a: 1\r\nb: yes\r\n",
        &[("key", "a"), ("number", "1"), ("literal", "yes")],
    );
}

#[test]
fn yaml_block_scalar_is_a_string_until_the_indentation_drops() {
    let body =
        "docker build -t $ECR_URI:latest .\n        docker tag $ECR_URI:latest $ECR_URI:$IMAGE_TAG";
    assert_spans("yaml", BUILDSPEC, &[("operator", "|"), ("string", body)]);
    assert_spans(
        "yaml",
        CLOUDFORMATION,
        &[("operator", ">-"), ("key", "Parameters")],
    );
    assert_not_span("yaml", CLOUDFORMATION, "key", "Lab bucket");
}

#[test]
fn json_object_keys_differ_from_string_values() {
    assert_spans(
        "json",
        TASK_DEFINITION,
        &[
            ("key", "\"family\""),
            ("string", "\"lab-web\""),
            ("string", "\"FARGATE\""),
            ("key", "\"containerPort\""),
            ("number", "8080"),
            ("number", "-1.5e3"),
            ("literal", "true"),
            ("literal", "null"),
            ("string", "\"say \\\"hi\\\" <b>\""),
        ],
    );
    assert_spans(
        "json",
        "{\"a\" : 1 /* c */} // d",
        &[
            ("key", "\"a\""),
            ("comment", "/* c */"),
            ("comment", "// d"),
        ],
    );
}

#[test]
fn shell_commands_variables_strings_and_comments_are_marked() {
    assert_spans(
        "bash",
        BASH,
        &[
            ("comment", "#!/usr/bin/env bash"),
            ("builtin", "set"),
            ("variable", "STACK"),
            ("string", "\"lab-"),
            ("variable", "${ENV:-dev}"),
            ("variable", "REGION"),
            ("builtin", "aws"),
            ("builtin", "tee"),
            ("number", "2"),
            ("operator", ">&"),
            ("keyword", "if"),
            ("keyword", "then"),
            ("keyword", "for"),
            ("keyword", "in"),
            ("keyword", "do"),
            ("string", "'Reservations[].Instances[].InstanceId'"),
            ("comment", "# one per line"),
            ("builtin", "kubectl"),
            ("builtin", "git"),
            ("keyword", "function"),
            ("function", "cleanup"),
            ("builtin", "docker"),
            ("variable", "$1"),
            ("variable", "$@"),
        ],
    );
    // Only a command position makes a builtin; `#` inside a word is no comment.
    assert_not_span("bash", BASH, "builtin", "main");
    assert_not_span("bash", BASH, "comment", "#42");
    assert_not_span("bash", "echo docker", "builtin", "docker");
}

#[test]
fn shell_heredoc_body_is_one_string_up_to_its_delimiter() {
    assert_spans(
        "bash",
        BASH,
        &[
            ("operator", "<<'EOF'"),
            (
                "string",
                "{ \"Version\": \"2012-10-17\", \"note\": \"$NOT_EXPANDED\" }\n",
            ),
            ("operator", "EOF"),
            ("builtin", "kubectl"),
        ],
    );
    assert_spans(
        "sh",
        "cat <<-END\n\tbody\n\tEND\nls",
        &[
            ("string", "\tbody\n"),
            ("operator", "END"),
            ("builtin", "ls"),
        ],
    );
    assert_spans(
        "console",
        "$ aws s3 ls\n2024-01-01 bucket",
        &[("builtin", "aws")],
    );
    assert_not_span("bash", "echo $((1<<2))\nls", "string", "ls");
}

#[test]
fn dockerfile_instructions_are_marked_case_insensitively_with_their_stage_names() {
    assert_spans(
        "dockerfile",
        DOCKERFILE,
        &[
            ("comment", "# syntax=docker/dockerfile:1"),
            ("instruction", "FROM"),
            ("instruction", "AS"),
            ("instruction", "from"),
            ("instruction", "as"),
            ("variable", "$BUILDPLATFORM"),
            ("instruction", "RUN"),
            ("builtin", "npm"),
            ("comment", "# comments inside a continuation are skipped"),
            ("instruction", "EXPOSE"),
            ("number", "8080"),
            ("string", "\"nginx\""),
            ("variable", "${VERSION}"),
            ("instruction", "HEALTHCHECK"),
        ],
    );
    // A continued line's first word is an argument, not an instruction.
    assert_not_span(
        "dockerfile",
        "RUN echo \\\n  run this\nRUN x",
        "instruction",
        "run",
    );
    assert_not_span(
        "dockerfile",
        "RUN echo \\\r\n  run\r\nRUN x",
        "instruction",
        "run",
    );
}

#[test]
fn python_keywords_strings_and_definitions_are_marked() {
    assert_spans(
        "python",
        PYTHON_CDK,
        &[
            ("keyword", "from"),
            ("keyword", "import"),
            ("keyword", "class"),
            ("function", "LabStack"),
            ("keyword", "def"),
            ("function", "__init__"),
            (
                "string",
                "\"\"\"A bucket that expires old objects.\n\n    It's used by the lab exercises.\"\"\"",
            ),
            ("comment", "# Keep artifacts for 30 days."),
            ("literal", "True"),
            ("literal", "None"),
            ("builtin", "self"),
            ("string", "f\"bucket {self.bucket.bucket_name!r}\""),
            ("string", "rb'\\d+'"),
            ("number", "0x1F"),
            ("number", "1_000.5"),
        ],
    );
    assert_not_span("py", "m = re.match(r'x', s)", "keyword", "match");
}

#[test]
fn typescript_keywords_templates_and_comments_are_marked() {
    assert_spans(
        "typescript",
        TYPESCRIPT_CDK,
        &[
            ("keyword", "import"),
            ("string", "'aws-cdk-lib'"),
            ("comment", "/** Props for the web service. */"),
            ("keyword", "interface"),
            ("function", "WebProps"),
            ("keyword", "extends"),
            ("function", "WebStack"),
            ("keyword", "readonly"),
            ("builtin", "number"),
            ("keyword", "new"),
            ("keyword", "this"),
            ("literal", "true"),
            ("literal", "undefined"),
            ("string", "`${cluster.clusterName}-${count}`"),
            ("number", "0x20"),
            ("function", "main"),
            ("comment", "// One Fargate task unless told otherwise."),
        ],
    );
    assert_spans(
        "js",
        "const a = 'x'; // note\nlet b = \"y\";",
        &[("keyword", "let"), ("string", "\"y\"")],
    );
    assert_not_span("ts", "if (props.type === x.default) {}", "keyword", "type");
}

#[test]
fn toml_keys_tables_and_values_are_marked() {
    assert_spans(
        "toml",
        CARGO_TOML,
        &[
            ("key", "[workspace]"),
            ("key", "[workspace.package]"),
            ("key", "[[bin]]"),
            ("key", "resolver"),
            ("key", "rust-version"),
            ("key", "version"),
            ("key", "features"),
            ("key", "\"quoted.key\""),
            ("string", "\"core\""),
            ("string", "'2024'"),
            ("comment", "# the binary"),
            ("number", "1_000"),
            ("number", "-3.5e2"),
            ("number", "1979-05-27T07:32:00Z"),
            ("literal", "true"),
            ("string", "\"\"\"\nMulti-line \"basic\" string\n\"\"\""),
        ],
    );
    assert_not_span("toml", CARGO_TOML, "key", "[\"derive\"]");
}

#[test]
fn unsupported_languages_are_escaped_not_dropped() {
    assert_eq!(
        highlight_or_escape("cobol", "a < b & \"c\""),
        "a &lt; b &amp; &quot;c&quot;"
    );
    assert!(highlight_or_escape("yaml", "a: 1").contains("hl-key"));
}
