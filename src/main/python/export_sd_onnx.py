#!/usr/bin/env python3
"""Export a diffusers Stable Diffusion checkpoint to the ONNX layout Maskmill's `prepare` reads.

NOT used by the Java build, tests or runtime; run it once per checkpoint on a machine with
PyTorch, then run `maskmill prepare --model OUT --out PREPARED` (Java) on the result.

    pip install torch diffusers transformers onnx
    python export_sd_onnx.py --model runwayml/stable-diffusion-v1-5 --out sd15-onnx [--fp16]
    python export_sd_onnx.py --model stabilityai/stable-diffusion-2-1 --out sd21-onnx
    python export_sd_onnx.py --model stabilityai/sd-turbo --out sd-turbo-onnx --fp16
    python export_sd_onnx.py --model SimianLuo/LCM_Dreamshaper_v7 --out lcm-onnx

Writes: text_encoder/model.onnx, unet/model.onnx + unet/weights.pb (external data; the UNet is
over protobuf's 2 GB limit), vae_decoder/model.onnx, tokenizer/ (vocab.json, merges.txt,
tokenizer_config.json), scheduler/scheduler_config.json.

Why not optimum's exporter with optimisation on: Maskmill taps the cross-attention probabilities,
so the attention must stay unfused. This script forces diffusers' classic AttnProcessor
(explicit baddbmm + softmax, exported as MatMul/Softmax nodes named .../attn2/Softmax) and runs
no ONNX Runtime transformer optimisation. `prepare` refuses models whose attention is fused.
"""
import argparse
import os

import torch
from diffusers import DiffusionPipeline
from diffusers.models.attention_processor import AttnProcessor

OPSET = 17


def export(module, args, path, input_names, output_names, dynamic_axes, external=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    torch.onnx.export(module, args, path, input_names=input_names, output_names=output_names,
                      dynamic_axes=dynamic_axes, opset_version=OPSET, do_constant_folding=True)
    if external:
        import onnx
        model = onnx.load(path)
        for f in os.listdir(os.path.dirname(path)):
            if f != os.path.basename(path):
                os.remove(os.path.join(os.path.dirname(path), f))
        onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True,
                        location="weights.pb", convert_attribute=False)


class UNetWrapper(torch.nn.Module):
    def __init__(self, unet, with_cond):
        super().__init__()
        self.unet = unet
        self.with_cond = with_cond

    def forward(self, sample, timestep, encoder_hidden_states, timestep_cond=None):
        return self.unet(sample, timestep, encoder_hidden_states, timestep_cond=timestep_cond,
                         return_dict=False)[0]


class VaeDecoder(torch.nn.Module):
    def __init__(self, vae):
        super().__init__()
        self.vae = vae

    def forward(self, latent_sample):
        return self.vae.decode(latent_sample, return_dict=False)[0]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="diffusers model id or local folder")
    p.add_argument("--out", required=True)
    p.add_argument("--fp16", action="store_true", help="export fp16 weights (needs CUDA)")
    a = p.parse_args()

    dtype = torch.float16 if a.fp16 else torch.float32
    device = "cuda" if a.fp16 else "cpu"
    pipe = DiffusionPipeline.from_pretrained(a.model, torch_dtype=dtype).to(device)
    pipe.unet.set_attn_processor(AttnProcessor())  # unfused attention: Softmax nodes stay visible

    text = pipe.text_encoder
    ids = torch.zeros((1, pipe.tokenizer.model_max_length), dtype=torch.int32, device=device)
    export(text, (ids,), f"{a.out}/text_encoder/model.onnx", ["input_ids"], ["last_hidden_state", "pooler_output"],
           {"input_ids": {0: "batch"}, "last_hidden_state": {0: "batch"}, "pooler_output": {0: "batch"}})

    unet = pipe.unet
    channels = unet.config.in_channels
    side = unet.config.sample_size
    hidden = text.config.hidden_size
    with_cond = unet.config.time_cond_proj_dim is not None
    sample = torch.randn(2, channels, side, side, dtype=dtype, device=device)
    timestep = torch.tensor([999, 999], dtype=torch.int64, device=device)
    context = torch.randn(2, ids.shape[1], hidden, dtype=dtype, device=device)
    inputs = [sample, timestep, context]
    names = ["sample", "timestep", "encoder_hidden_states"]
    axes = {"sample": {0: "batch", 2: "height", 3: "width"}, "timestep": {0: "batch"},
            "encoder_hidden_states": {0: "batch"}, "out_sample": {0: "batch", 2: "height", 3: "width"}}
    if with_cond:
        inputs.append(torch.randn(2, unet.config.time_cond_proj_dim, dtype=dtype, device=device))
        names.append("timestep_cond")
        axes["timestep_cond"] = {0: "batch"}
    export(UNetWrapper(unet, with_cond), tuple(inputs), f"{a.out}/unet/model.onnx", names, ["out_sample"], axes,
           external=True)

    latent = torch.randn(1, pipe.vae.config.latent_channels, side, side, dtype=dtype, device=device)
    export(VaeDecoder(pipe.vae), (latent,), f"{a.out}/vae_decoder/model.onnx", ["latent_sample"], ["sample"],
           {"latent_sample": {0: "batch", 2: "height", 3: "width"}, "sample": {0: "batch", 2: "height", 3: "width"}})

    pipe.tokenizer.save_pretrained(f"{a.out}/tokenizer")
    pipe.scheduler.save_pretrained(f"{a.out}/scheduler")
    print(f"exported {a.model} to {a.out}; VAE scaling factor {pipe.vae.config.scaling_factor} "
          f"(pass --scaling-factor to maskmill prepare if it is not 0.18215)")


if __name__ == "__main__":
    main()
