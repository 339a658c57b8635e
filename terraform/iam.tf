# One IAM role per ServiceAccount (k8s/base/serviceaccounts.yaml), assumed through IRSA and
# granting only what that function touches. Object access is per prefix; nothing is granted on
# the whole bucket's objects, on other buckets, or with wildcard actions.
locals {
  stage_access = {
    s3_read       = ["models/"]
    s3_read_write = ["jobs/"]
    sqs_receive   = []
    sqs_send      = []
    # read var.thesaurus_corpus_uri (another bucket, or another prefix of any bucket)
    corpus_read = false
  }

  # s3://bucket/prefix/ of the thesaurus build's caption corpus, split; null when none is set.
  corpus = var.thesaurus_corpus_uri == "" ? null : {
    bucket = regex("^s3://([^/]+)/(.*)$", var.thesaurus_corpus_uri)[0]
    prefix = regex("^s3://([^/]+)/(.*)$", var.thesaurus_corpus_uri)[1]
  }

  service_accounts = {
    # The jobs API reads job state and writes job specs; it reaches the Broker over HTTP.
    api = merge(local.stage_access, { s3_read = [] })
    # ingest also reads uploaded prompt lists, and its ServiceAccount runs the aws-sqs
    # IntegrationSource that reads the upload queue.
    ingest    = merge(local.stage_access, { s3_read = ["models/", "prompts/"], sqs_receive = [aws_sqs_queue.prompt_uploads.arn] })
    sample    = local.stage_access
    optimize  = local.stage_access
    thesaurus = merge(local.stage_access, { s3_read = ["models/", "thesaurus/"] })
    place     = local.stage_access
    harmonize = local.stage_access
    export    = local.stage_access
    # the job ledger keeps its books under jobs/ and publishes the export request over HTTP
    ledger = local.stage_access
    # The offline Job that builds the thesaurus tables (k8s/thesaurus-build) reads the caption corpus
    # and writes the tables under thesaurus/, and nothing else.
    thesaurus-build = merge(local.stage_access, { s3_read = [], s3_read_write = ["thesaurus/"], corpus_read = true })
    # The dead-letter IntegrationSink only sends to the dead-letter queue.
    dead-letters = merge(local.stage_access, { s3_read = [], s3_read_write = [], sqs_send = [aws_sqs_queue.dead_letters.arn] })
  }
}

data "aws_iam_policy_document" "assume" {
  for_each = local.service_accounts

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [module.eks.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${module.eks.oidc_provider}:sub"
      values   = ["system:serviceaccount:${var.kubernetes_namespace}:maskmill-${each.key}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${module.eks.oidc_provider}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "access" {
  for_each = local.service_accounts

  dynamic "statement" {
    for_each = length(each.value.s3_read) > 0 ? [each.value.s3_read] : []
    content {
      sid       = "ReadObjects"
      actions   = ["s3:GetObject"]
      resources = [for prefix in statement.value : "${aws_s3_bucket.data.arn}/${prefix}*"]
    }
  }

  dynamic "statement" {
    for_each = length(each.value.s3_read_write) > 0 ? [each.value.s3_read_write] : []
    content {
      sid       = "ReadWriteObjects"
      actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
      resources = [for prefix in statement.value : "${aws_s3_bucket.data.arn}/${prefix}*"]
    }
  }

  # Listing is a bucket-level action: allow it only below the same prefixes.
  dynamic "statement" {
    for_each = length(concat(each.value.s3_read, each.value.s3_read_write)) > 0 ? [concat(each.value.s3_read, each.value.s3_read_write)] : []
    content {
      sid       = "ListOwnPrefixes"
      actions   = ["s3:ListBucket"]
      resources = [aws_s3_bucket.data.arn]

      condition {
        test     = "StringLike"
        variable = "s3:prefix"
        values   = [for prefix in statement.value : "${prefix}*"]
      }
    }
  }

  dynamic "statement" {
    for_each = each.value.corpus_read && local.corpus != null ? [local.corpus] : []
    content {
      sid       = "ReadCorpus"
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::${statement.value.bucket}/${statement.value.prefix}*"]
    }
  }

  dynamic "statement" {
    for_each = each.value.corpus_read && local.corpus != null ? [local.corpus] : []
    content {
      sid       = "ListCorpus"
      actions   = ["s3:ListBucket"]
      resources = ["arn:aws:s3:::${statement.value.bucket}"]

      condition {
        test     = "StringLike"
        variable = "s3:prefix"
        values   = ["${statement.value.prefix}*"]
      }
    }
  }

  dynamic "statement" {
    for_each = length(each.value.sqs_receive) > 0 ? [each.value.sqs_receive] : []
    content {
      sid       = "ReceiveQueue"
      actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"]
      resources = statement.value
    }
  }

  dynamic "statement" {
    for_each = length(each.value.sqs_send) > 0 ? [each.value.sqs_send] : []
    content {
      sid       = "SendQueue"
      actions   = ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"]
      resources = statement.value
    }
  }
}

resource "aws_iam_role" "service_account" {
  for_each = local.service_accounts

  name               = "${var.name_prefix}-${each.key}"
  description        = "Maskmill ${each.key}: IRSA role of ServiceAccount ${var.kubernetes_namespace}/maskmill-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.assume[each.key].json
}

resource "aws_iam_role_policy" "service_account" {
  for_each = local.service_accounts

  name   = "access"
  role   = aws_iam_role.service_account[each.key].id
  policy = data.aws_iam_policy_document.access[each.key].json
}
